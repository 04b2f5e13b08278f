package dev.lakehouse.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the real local stack (broker, S3 server, catalog), started once per
 * test JVM. Test methods and constructors may take {@link dev.lakehouse.stack.LocalStack} or {@link
 * dev.lakehouse.common.settings.LakehouseSettings} parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalStackExtension.class)
public @interface WithLocalStack {}
