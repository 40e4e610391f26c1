package io.crystalbus.integrator;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The command line's calls to a running bus's API: prints the status line and the answer; 0 for a 2xx. */
public final class ApiClient {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private ApiClient() {
    }

    static HttpRequest.Builder request(String baseUrl, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + path)).timeout(Duration.ofSeconds(30));
    }

    static int call(HttpRequest request, PrintStream out) throws Exception {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException nobodyListens) {
            // the JDK's exception has no message: the one line says where the command looked
            throw new IllegalStateException("no bus answers at " + request.uri() + " (is it running? --url names another)", nobodyListens);
        } catch (java.net.http.HttpTimeoutException slow) {
            throw new IllegalStateException("the bus at " + request.uri() + " did not answer within " + request.timeout().map(t -> t.toSeconds() + " s").orElse("the timeout"), slow);
        }
        out.println(response.statusCode() + " " + request.method() + " " + request.uri());
        out.println(response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }
}
