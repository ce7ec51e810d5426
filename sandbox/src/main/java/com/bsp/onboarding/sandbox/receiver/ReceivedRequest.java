package com.bsp.onboarding.sandbox.receiver;

import java.time.Instant;
import java.util.Map;

/**
 * One request a demo receiver got, kept as it arrived: header names lower-cased (HTTP's are case-insensitive),
 * the body's bytes untouched, so a signature over them can be checked afterwards.
 */
record ReceivedRequest(long sequence, String method, String path, Map<String, String> headers, byte[] body,
        Instant receivedAt, int answeredStatus, long answerDelayMillis) {
}
