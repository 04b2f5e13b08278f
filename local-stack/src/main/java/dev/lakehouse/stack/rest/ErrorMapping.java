package dev.lakehouse.stack.rest;

import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.responses.ErrorResponse;

/**
 * Turns what the backing catalog throws into the HTTP status and {@link ErrorResponse} of the REST
 * protocol. The {@code type} is the exception's simple class name: Iceberg's client reads it, for
 * example to tell a missing namespace from a missing table (both 404) or a non-empty namespace from
 * an existing one (both 409). No stack trace is sent.
 */
final class ErrorMapping {
  static final int BAD_REQUEST = 400;
  static final int NOT_FOUND = 404;
  static final int NOT_ACCEPTABLE = 406;
  static final int CONFLICT = 409;
  static final int SERVER_ERROR = 500;

  private ErrorMapping() {}

  static int status(RuntimeException e) {
    if (e instanceof NoSuchNamespaceException
        || e instanceof NoSuchTableException
        || e instanceof NoSuchViewException) {
      return NOT_FOUND;
    }
    if (e instanceof AlreadyExistsException
        || e instanceof CommitFailedException
        || e instanceof NamespaceNotEmptyException) {
      return CONFLICT;
    }
    if (e instanceof ValidationException
        || e instanceof IllegalArgumentException
        || e instanceof BadRequestException) {
      return BAD_REQUEST;
    }
    if (e instanceof UnsupportedOperationException) {
      // the protocol's answer for an operation the server (here: the backing catalog) does not
      // support
      return NOT_ACCEPTABLE;
    }
    // CommitStateUnknownException included: on a commit the client reads 500 as "state unknown" and
    // must neither retry nor clean up
    return SERVER_ERROR;
  }

  static ErrorResponse response(RuntimeException e) {
    return of(status(e), e.getClass().getSimpleName(), e.getMessage());
  }

  static ErrorResponse of(int status, String type, String message) {
    return ErrorResponse.builder()
        .responseCode(status)
        .withType(type)
        .withMessage(message != null ? message : type)
        .build();
  }

  /** Only for the log line: whether the failure is the server's (logged with its stack trace). */
  static boolean isServerError(RuntimeException e) {
    return status(e) >= SERVER_ERROR;
  }
}
