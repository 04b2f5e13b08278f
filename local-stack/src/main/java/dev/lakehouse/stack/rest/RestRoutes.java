package dev.lakehouse.stack.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;
import org.apache.iceberg.rest.RESTResponse;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one HTTP exchange: matches a {@link Route}, decodes the path variables and the JSON body,
 * and hands the request to Iceberg's {@link CatalogHandlers} over the backing catalog (its views
 * too, when it keeps them). Failures become the protocol's error responses ({@link ErrorMapping})
 * and a WARN line with method, path and status.
 */
final class RestRoutes implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RestRoutes.class);

  /** What Iceberg's client uses unless configured otherwise; this server advertises no other. */
  private static final String NAMESPACE_SEPARATOR =
      RESTCatalogProperties.NAMESPACE_SEPARATOR_DEFAULT;

  private static final int OK = 200;
  private static final int NO_CONTENT = 204;
  private static final int NOT_FOUND = 404;

  private final Catalog catalog;
  private final SupportsNamespaces namespaces;
  private final ViewCatalog views;

  RestRoutes(Catalog catalog) {
    if (!(catalog instanceof SupportsNamespaces)) {
      throw new IllegalArgumentException(
          "The backing catalog must support namespaces: " + catalog.getClass().getName());
    }
    this.catalog = catalog;
    this.namespaces = (SupportsNamespaces) catalog;
    this.views = catalog instanceof ViewCatalog viewCatalog ? viewCatalog : null;
  }

  /** A status with a JSON body, or with none ({@code body == null}). */
  private record Reply(int status, RESTResponse body) {
    static Reply json(RESTResponse body) {
      return new Reply(OK, body);
    }

    static Reply noContent() {
      return new Reply(NO_CONTENT, null);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Reply reply;
      try {
        reply = dispatch(method, path, query(exchange.getRequestURI().getRawQuery()), body);
      } catch (RuntimeException e) {
        reply = failure(method, path, e);
      }
      send(exchange, method, reply);
    } catch (IOException e) {
      LOG.warn("{} {}: could not answer: {}", method, path, e.toString());
    } finally {
      exchange.close();
    }
  }

  private Reply dispatch(String method, String path, Map<String, String> query, byte[] body) {
    Route.Match match = Route.match(method, path).orElse(null);
    if (match == null) {
      return noRoute(method, path);
    }
    Map<String, String> vars = match.variables();
    switch (match.route()) {
      case CONFIG:
        return Reply.json(
            ConfigResponse.builder().withEndpoints(Route.endpoints(views != null)).build());
      case LIST_NAMESPACES:
        {
          Namespace parent =
              query.containsKey("parent")
                  ? RESTUtil.namespaceFromQueryParam(query.get("parent"), NAMESPACE_SEPARATOR)
                  : Namespace.empty();
          return Reply.json(
              query.containsKey("pageSize")
                  ? CatalogHandlers.listNamespaces(
                      namespaces, parent, query.get("pageToken"), query.get("pageSize"))
                  : CatalogHandlers.listNamespaces(namespaces, parent));
        }
      case CREATE_NAMESPACE:
        return Reply.json(
            CatalogHandlers.createNamespace(
                namespaces, RestJson.read(body, CreateNamespaceRequest.class)));
      case LOAD_NAMESPACE:
        return Reply.json(CatalogHandlers.loadNamespace(namespaces, namespace(vars)));
      case NAMESPACE_EXISTS:
        CatalogHandlers.namespaceExists(namespaces, namespace(vars));
        return Reply.noContent();
      case DROP_NAMESPACE:
        CatalogHandlers.dropNamespace(namespaces, namespace(vars));
        return Reply.noContent();
      case UPDATE_NAMESPACE_PROPERTIES:
        return Reply.json(
            CatalogHandlers.updateNamespaceProperties(
                namespaces,
                namespace(vars),
                RestJson.read(body, UpdateNamespacePropertiesRequest.class)));
      case LIST_TABLES:
        return Reply.json(
            query.containsKey("pageSize")
                ? CatalogHandlers.listTables(
                    catalog, namespace(vars), query.get("pageToken"), query.get("pageSize"))
                : CatalogHandlers.listTables(catalog, namespace(vars)));
      case CREATE_TABLE:
        {
          CreateTableRequest request = RestJson.read(body, CreateTableRequest.class);
          return Reply.json(
              request.stageCreate()
                  ? CatalogHandlers.stageTableCreate(catalog, namespace(vars), request)
                  : CatalogHandlers.createTable(catalog, namespace(vars), request));
        }
      case LOAD_TABLE:
        return Reply.json(CatalogHandlers.loadTable(catalog, table(vars), snapshotMode(query)));
      case TABLE_EXISTS:
        CatalogHandlers.tableExists(catalog, table(vars));
        return Reply.noContent();
      case UPDATE_TABLE:
        return Reply.json(
            CatalogHandlers.updateTable(
                catalog, table(vars), RestJson.read(body, UpdateTableRequest.class)));
      case DROP_TABLE:
        if (Boolean.parseBoolean(query.get("purgeRequested"))) {
          CatalogHandlers.purgeTable(catalog, table(vars));
        } else {
          CatalogHandlers.dropTable(catalog, table(vars));
        }
        return Reply.noContent();
      case REPORT_METRICS:
        // accepted and dropped (the body was read: the connection stays usable); not even parsed,
        // as
        // nothing here uses the scan and commit reports
        return Reply.noContent();
      case RENAME_TABLE:
        CatalogHandlers.renameTable(catalog, RestJson.read(body, RenameTableRequest.class));
        return Reply.noContent();
      case COMMIT_TRANSACTION:
        MultiTableCommit.commit(catalog, RestJson.read(body, CommitTransactionRequest.class));
        return Reply.noContent();
      default:
        return views == null || !match.route().isView()
            ? noRoute(method, path)
            : view(match.route(), vars, query, body);
    }
  }

  /** The view routes, answered only when the backing catalog keeps views. */
  private Reply view(
      Route route, Map<String, String> vars, Map<String, String> query, byte[] body) {
    switch (route) {
      case LIST_VIEWS:
        return Reply.json(
            query.containsKey("pageSize")
                ? CatalogHandlers.listViews(
                    views, namespace(vars), query.get("pageToken"), query.get("pageSize"))
                : CatalogHandlers.listViews(views, namespace(vars)));
      case CREATE_VIEW:
        return Reply.json(
            CatalogHandlers.createView(
                views, namespace(vars), RestJson.read(body, CreateViewRequest.class)));
      case LOAD_VIEW:
        return Reply.json(CatalogHandlers.loadView(views, view(vars)));
      case VIEW_EXISTS:
        CatalogHandlers.viewExists(views, view(vars));
        return Reply.noContent();
      case UPDATE_VIEW:
        return Reply.json(
            CatalogHandlers.updateView(
                views, view(vars), RestJson.read(body, UpdateTableRequest.class)));
      case DROP_VIEW:
        CatalogHandlers.dropView(views, view(vars));
        return Reply.noContent();
      case RENAME_VIEW:
        CatalogHandlers.renameView(views, RestJson.read(body, RenameTableRequest.class));
        return Reply.noContent();
      default:
        throw new IllegalStateException("not a view route: " + route);
    }
  }

  private static Reply noRoute(String method, String path) {
    int status = ErrorMapping.BAD_REQUEST;
    LOG.warn("{} {} -> {} (no such route)", method, path, status);
    return new Reply(
        status,
        ErrorMapping.of(
            status, "BadRequestException", "No route for request: " + method + " " + path));
  }

  private static Reply failure(String method, String path, RuntimeException e) {
    int status = ErrorMapping.status(e);
    if (ErrorMapping.isServerError(e)) {
      LOG.warn("{} {} -> {}", method, path, status, e);
    } else if (status == NOT_FOUND) {
      // an engine asks for a view before it asks for the table of that name (Trino does), so a
      // missing table or view is an answer, not a trouble
      LOG.debug("{} {} -> {} {}", method, path, status, e.getMessage());
    } else {
      LOG.warn(
          "{} {} -> {} {}: {}", method, path, status, e.getClass().getSimpleName(), e.getMessage());
    }
    return new Reply(status, ErrorMapping.response(e));
  }

  private static void send(HttpExchange exchange, String method, Reply reply) throws IOException {
    // HEAD answers carry no body, errors included (the client reads the status alone)
    if (reply.body() == null || "HEAD".equals(method)) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    byte[] json = RestJson.write(reply.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }

  private static Namespace namespace(Map<String, String> vars) {
    return RESTUtil.decodeNamespaceAsPathSegment(vars.get("namespace"), NAMESPACE_SEPARATOR);
  }

  private static TableIdentifier table(Map<String, String> vars) {
    return TableIdentifier.of(namespace(vars), RESTUtil.decodePathSegment(vars.get("table")));
  }

  private static TableIdentifier view(Map<String, String> vars) {
    return TableIdentifier.of(namespace(vars), RESTUtil.decodePathSegment(vars.get("view")));
  }

  private static SnapshotMode snapshotMode(Map<String, String> query) {
    String mode = query.get(RESTCatalogProperties.SNAPSHOTS_QUERY_PARAMETER);
    return mode == null ? SnapshotMode.ALL : SnapshotMode.valueOf(mode.toUpperCase(Locale.ROOT));
  }

  /** Query parameters, form-decoded; of a repeated parameter the last wins. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
