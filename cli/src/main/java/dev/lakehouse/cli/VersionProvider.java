package dev.lakehouse.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = LakehouseCli.class.getPackage().getImplementationVersion();
    return new String[] {"lakehouse " + (version == null ? "development" : version)};
  }
}
