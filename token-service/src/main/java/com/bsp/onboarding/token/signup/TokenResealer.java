package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.token.crypto.Secrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Completes a storage-key rotation. Make a new key current (keeping the old one configured): new
 * tokens are sealed with it at once, and this job re-seals the existing ones in small batches. When
 * {@code tokens_sealed_with_old_keys} reads 0 the old key can be removed from the configuration.
 * Eager, so its gauge is there from the start.
 */
@Startup
@ApplicationScoped
public class TokenResealer {

    private static final Logger LOG = Logger.getLogger(TokenResealer.class);
    private static final int BATCH = 200;

    private final SignupStore store;
    private final Secrets secrets;
    private final Counter resealed;
    private final AtomicLong remaining = new AtomicLong();

    public TokenResealer(SignupStore store, Secrets secrets, MeterRegistry meters) {
        this.store = store;
        this.secrets = secrets;
        this.resealed = meters.counter("tokens_resealed_total");
        meters.gauge("tokens_sealed_with_old_keys", remaining);
    }

    @Scheduled(every = "${token.reseal-interval:1m}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resealOldTokens() {
        String current = secrets.currentStorageKeyId();
        return store.sealedWithOtherKey(current, BATCH)
                .onItem().transformToMulti(tokens -> Multi.createFrom().iterable(tokens))
                .onItem().transformToUniAndConcatenate(token -> {
                    // The signup id is the sealing context, as when the token was first stored.
                    String plain = secrets.openFromStorage(token.sealed(), token.id().toString());
                    return store.reseal(token.id(), token.sealed(), secrets.sealForStorage(plain, token.id().toString()));
                })
                .filter(Boolean::booleanValue)
                .collect().asList()
                .invoke(done -> resealed.increment(done.size()))
                .chain(() -> store.countSealedWithOtherKey(current))
                .invoke(remaining::set)
                .onFailure().invoke(e -> LOG.warnf("Re-sealing tokens failed, retrying next time: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
