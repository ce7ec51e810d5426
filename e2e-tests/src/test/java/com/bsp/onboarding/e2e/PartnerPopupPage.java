package com.bsp.onboarding.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A partner platform's page that opens an IO link in a popup (360Dialog's popup mode) and listens for the
 * result: it accepts a message only from {@code expectedOrigin} (link-service, whose callback page posts it)
 * and shows its data in {@code #result}; messages from elsewhere are listed in {@code #ignored}. Served on a
 * free port of localhost, so its origin is {@code http://localhost:<port>}.
 */
final class PartnerPopupPage implements AutoCloseable {

    private final HttpServer server;
    private volatile String html = "<!DOCTYPE html><title>nothing yet</title>";

    PartnerPopupPage() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** {@code http://localhost:<port>}: the popup_origin of the links this page opens. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The page's URL, once it opens {@code linkUrl} and trusts messages from {@code expectedOrigin} alone. */
    String serve(String linkUrl, String expectedOrigin) {
        html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Partner platform</title></head>
                <body>
                  <button id="connect">Connect your WhatsApp number</button>
                  <pre id="result"></pre>
                  <pre id="ignored"></pre>
                  <script>
                    var linkUrl = %s;
                    var expectedOrigin = %s;
                    window.addEventListener('message', function (event) {
                      if (event.origin !== expectedOrigin) {
                        document.getElementById('ignored').textContent += event.origin + '\\n';
                        return;
                      }
                      var result = document.getElementById('result');
                      result.setAttribute('data-origin', event.origin);
                      result.textContent = event.data;
                    });
                    document.getElementById('connect').addEventListener('click', function () {
                      window.open(linkUrl, 'io-signup', 'popup,width=600,height=900');
                    });
                  </script>
                </body></html>
                """.formatted(jsString(linkUrl), jsString(expectedOrigin));
        return origin() + "/partner";
    }

    private static String jsString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
