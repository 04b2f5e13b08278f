package dev.lakehouse.common.contract;

/**
 * A contract file that cannot be read or breaks a rule; the message names the file and, where there
 * is one, the field.
 */
public final class ContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContractException(String message) {
    super(message);
  }

  public ContractException(String message, Throwable cause) {
    super(message, cause);
  }
}
