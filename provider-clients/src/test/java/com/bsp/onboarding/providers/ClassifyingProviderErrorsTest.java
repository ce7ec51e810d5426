package com.bsp.onboarding.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.providers.ProviderException.Classification;
import io.smallrye.mutiny.Uni;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference §2.5, read once for every service that calls Graph. */
class ClassifyingProviderErrorsTest {

    @Test
    void retriesLaterEveryTransientCodeOfTheReference() {
        for (int code : List.of(1, 2, 4, 17, 341, 368, 613, 80007, 80008, 130429, 131000, 131016, 131057, 133004, 133015)) {
            assertEquals(Classification.RETRY_LATER, GraphErrorCodes.classify(400, code), "code " + code);
        }
    }

    @Test
    void neverRetriesTheCodesTheReferenceSaysNotTo() {
        for (int code : List.of(190, 10, 200, 299, 100, 133016, 130403, 131050)) {
            assertEquals(Classification.REFUSED, GraphErrorCodes.classify(400, code), "code " + code);
        }
        assertEquals(Classification.REFUSED, GraphErrorCodes.classify(404, null), "an answer without a Graph error");
    }

    @Test
    void recognisesARepeatedCoexistenceSyncAsCodeOrSubcodeAndRefusesIt() {
        assertTrue(GraphErrorCodes.appDataAlreadySynced(100, 2593107));
        assertTrue(GraphErrorCodes.appDataAlreadySynced(2593107, null));
        assertFalse(GraphErrorCodes.appDataAlreadySynced(100, null));
        assertFalse(GraphErrorCodes.appDataAlreadySynced(null, null));
        assertEquals(Classification.REFUSED, GraphErrorCodes.classify(400, 2593107), "a repeated sync is not retried");
    }

    @Test
    void takesA5xxAsPerhapsDoneAndA429AsNotDone() {
        ProviderException serverError = new ProviderException("x", 500, 2, null, null, null, null, GraphErrorCodes.classify(500, 2));
        assertTrue(serverError.retryable());
        assertTrue(serverError.ambiguous(), "a 5xx may have happened halfway");
        assertEquals(Classification.RETRY_LATER, GraphErrorCodes.classify(429, null));
    }

    @Test
    void tellsARefusedConnectionFromATimeout() {
        ProviderException notSent = ProviderCalls.failed("call", new UncheckedIOException(new ConnectException("refused")));
        assertEquals(Classification.NOT_SENT, notSent.classification());
        assertFalse(notSent.ambiguous());
        assertEquals("transport", notSent.type());

        ProviderException late = new ProviderCalls(Duration.ofMillis(50))
                .call("slow_call", () -> Uni.createFrom().nothing()).onFailure().recoverWithItem(e -> e)
                .map(ProviderException.class::cast).await().atMost(Duration.ofSeconds(5));
        assertEquals(Classification.OUTCOME_UNKNOWN, late.classification());
        assertEquals("slow_call", late.call());
    }

    @Test
    void namesAnErrorAnswerAfterItsCallAndKeepsTheProvidersMessageOutOfItsOwn() {
        ProviderException answered = new ProviderException("provider call", 400, 100, 36009, "OAuthException",
                "This authorization code has been used.", "AbC123", Classification.REFUSED);
        ProviderException named = ProviderCalls.failed("code exchange", new RuntimeException(answered));
        assertEquals("code exchange", named.call());
        assertTrue(named.is(100, 36009));
        assertEquals("AbC123", named.fbtraceId());
        assertFalse(named.getMessage().contains("authorization code has been used"), named.getMessage());
    }
}
