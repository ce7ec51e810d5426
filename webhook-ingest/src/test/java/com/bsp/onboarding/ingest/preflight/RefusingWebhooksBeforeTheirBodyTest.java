package com.bsp.onboarding.ingest.preflight;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.testing.http.Management;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Webhooks refused from their headers alone: the request line and headers are sent, the body never is, and
 * the answer must come anyway (a server that waited for the body would not answer at all).
 */
@QuarkusTest
class RefusingWebhooksBeforeTheirBodyTest {

    private static final int FOUR_MB = 4 * 1024 * 1024;

    @TestHTTPResource("/")
    URL service;

    @Test
    void answersAnOversizedWebhookFromItsContentLengthWithoutReadingIt() throws IOException {
        String answer = headersOnly("POST /webhooks/meta HTTP/1.1", "X-Hub-Signature-256: sha256=00", "Content-Length: " + FOUR_MB);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        assertTrue(answer.contains("urn:bsp-onboarding:problem:payload-too-large"), answer);
    }

    @Test
    void answersAWebhookWithoutSignatureBeforeItsBody() throws IOException {
        for (String request : new String[] {"POST /webhooks/meta HTTP/1.1", "POST /webhooks/meta/1111111111111111 HTTP/1.1",
                "POST /webhooks/360dialog/aAbBcCPA HTTP/1.1", "POST /webhooks/360dialog/aAbBcCPA/channels/ch-1 HTTP/1.1"}) {
            String answer = headersOnly(request, "Content-Length: 1000");
            assertTrue(answer.startsWith("HTTP/1.1 401"), request + ": " + answer);
            assertTrue(answer.contains("urn:bsp-onboarding:problem:unauthorized"), answer);
        }
        given().accept("text/plain").when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(matchesPattern("(?s).*webhooks_rejected_total\\{[^}]*reason=\"unsigned\"[^}]*} [1-9].*"));
    }

    @Test
    void waitsForTheBodyOfASignedWebhookOfAllowedSize() throws IOException {
        // The control: with a signature header and a size within the limit, the service reads the body first,
        // so nothing is answered while it does not come.
        assertThrows(SocketTimeoutException.class,
                () -> headersOnly("POST /webhooks/meta HTTP/1.1", "X-Hub-Signature-256: sha256=00", "Content-Length: 1000"));
    }

    /** Sends a request's head, no body, and reads what is answered within 3 s. */
    private String headersOnly(String requestLine, String... headers) throws IOException {
        try (Socket socket = new Socket(service.getHost(), service.getPort())) {
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nContent-Type: application/json\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int read;
            try {
                while ((read = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, read);
                    if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            }
            assertEquals(true, answer.size() > 0, "no answer");
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
