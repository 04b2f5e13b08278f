package dev.lakehouse.stack.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.rest.Endpoint;

/**
 * The routes this server answers, each bound to the {@link Endpoint} that the Iceberg REST client
 * checks for (so the endpoint list of {@code GET /v1/config} is exactly this enum). The server
 * advertises no prefix, so paths are matched without the optional {@code {prefix}} segment.
 */
enum Route {
  CONFIG("GET", "/v1/config", null),
  LIST_NAMESPACES(Endpoint.V1_LIST_NAMESPACES),
  CREATE_NAMESPACE(Endpoint.V1_CREATE_NAMESPACE),
  LOAD_NAMESPACE(Endpoint.V1_LOAD_NAMESPACE),
  NAMESPACE_EXISTS(Endpoint.V1_NAMESPACE_EXISTS),
  DROP_NAMESPACE(Endpoint.V1_DELETE_NAMESPACE),
  UPDATE_NAMESPACE_PROPERTIES(Endpoint.V1_UPDATE_NAMESPACE),
  LIST_TABLES(Endpoint.V1_LIST_TABLES),
  CREATE_TABLE(Endpoint.V1_CREATE_TABLE),
  LOAD_TABLE(Endpoint.V1_LOAD_TABLE),
  TABLE_EXISTS(Endpoint.V1_TABLE_EXISTS),
  UPDATE_TABLE(Endpoint.V1_UPDATE_TABLE),
  DROP_TABLE(Endpoint.V1_DELETE_TABLE),
  REPORT_METRICS(Endpoint.V1_REPORT_METRICS),
  RENAME_TABLE(Endpoint.V1_RENAME_TABLE),
  COMMIT_TRANSACTION(Endpoint.V1_COMMIT_TRANSACTION),
  LIST_VIEWS(Endpoint.V1_LIST_VIEWS),
  CREATE_VIEW(Endpoint.V1_CREATE_VIEW),
  LOAD_VIEW(Endpoint.V1_LOAD_VIEW),
  VIEW_EXISTS(Endpoint.V1_VIEW_EXISTS),
  UPDATE_VIEW(Endpoint.V1_UPDATE_VIEW),
  DROP_VIEW(Endpoint.V1_DELETE_VIEW),
  RENAME_VIEW(Endpoint.V1_RENAME_VIEW);

  /**
   * A matched route with its still percent-encoded path variables ({@code namespace}, {@code
   * table}).
   */
  record Match(Route route, Map<String, String> variables) {}

  private final String method;
  private final List<String> pattern;
  private final Endpoint endpoint;

  Route(Endpoint endpoint) {
    this(endpoint.httpMethod(), endpoint.path(), endpoint);
  }

  Route(String method, String path, Endpoint endpoint) {
    this.method = method;
    this.pattern = segments(path.replace("/{prefix}", ""));
    this.endpoint = endpoint;
  }

  /**
   * The endpoints to advertise: every route but the config route itself, the view routes only when
   * the backing catalog keeps views.
   */
  static List<Endpoint> endpoints(boolean views) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Route route : values()) {
      if (route.endpoint != null && (views || !route.isView())) {
        endpoints.add(route.endpoint);
      }
    }
    return endpoints;
  }

  /** Whether this route reads or writes views. */
  boolean isView() {
    return pattern.contains("views") || endpoint == Endpoint.V1_RENAME_VIEW;
  }

  static Optional<Match> match(String method, String rawPath) {
    List<String> request = segments(rawPath);
    for (Route route : values()) {
      Map<String, String> variables = route.variables(method, request);
      if (variables != null) {
        return Optional.of(new Match(route, variables));
      }
    }
    return Optional.empty();
  }

  private Map<String, String> variables(String requestMethod, List<String> request) {
    if (!method.equals(requestMethod) || pattern.size() != request.size()) {
      return null;
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String expected = pattern.get(i);
      String actual = request.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (actual.isEmpty()) {
          return null;
        }
        variables.put(expected.substring(1, expected.length() - 1), actual);
      } else if (!expected.equals(actual)) {
        return null;
      }
    }
    return variables;
  }

  /**
   * Splits a path on '/', ignoring a leading and a trailing slash; segments stay percent-encoded.
   */
  private static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return Arrays.asList(trimmed.split("/", -1));
  }
}
