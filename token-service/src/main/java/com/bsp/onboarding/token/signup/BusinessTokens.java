package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.audit.CredentialRead;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.eventing.audit.CredentialAudit;
import com.bsp.onboarding.http.auth.CallerHub.Caller;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.token.TokenServiceConfig;
import com.bsp.onboarding.token.crypto.Secrets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Hands a completed signup's business token to its hub: only to a Tech Provider hub ({@code token.hubs.<hub>.tech-provider}),
 * only with one of its credentials keys. Every attempt, handed out or not, is audited ({@link CredentialAudit}) before the
 * answer leaves. Another hub's signup is not found.
 */
@ApplicationScoped
public class BusinessTokens {

    static final CredentialAudit.Stream AUDIT = new CredentialAudit.Stream(Topics.SIGNUP_EVENTS, SignupEventTypes.SOURCE,
            SignupEventTypes.CREDENTIAL_READ);

    private final SignupStore store;
    private final Pool pool;
    private final CredentialAudit audit;
    private final TokenServiceConfig config;
    private final Secrets secrets;

    public BusinessTokens(SignupStore store, Pool pool, CredentialAudit audit, TokenServiceConfig config, Secrets secrets) {
        this.store = store;
        this.pool = pool;
        this.audit = audit;
        this.config = config;
        this.secrets = secrets;
    }

    /** {@code subject} is the signup id as asked for: a refusal is audited even when it names no signup. */
    public Uni<BusinessToken> read(Caller caller, String subject) {
        if (!caller.mayReadCredentials()) {
            return refused(caller, subject, Caller.noCredentialsPermission());
        }
        TokenServiceConfig.Hub hub = config.hubs().get(caller.hubId());
        if (hub == null || !hub.techProvider()) {
            return refused(caller, subject, Problem.forbidden("This hub is not a Tech Provider: its customers' business tokens stay here."));
        }
        UUID id = parse(subject);
        Uni<SignupStore.StoredToken> found = id == null ? Uni.createFrom().nullItem() : store.sealedToken(caller.hubId(), id);
        return found.flatMap(stored -> {
            // Opened before the audit is written: a token that cannot be opened is not handed out, so not audited as such.
            BusinessToken token = stored == null ? null
                    : new BusinessToken(id, stored.wabaId(), secrets.openFromStorage(stored.sealed(), id.toString()), null);
            return audit.write(pool, AUDIT, read(caller, subject, token == null ? CredentialAudit.NOT_FOUND : CredentialAudit.HANDED_OUT))
                    .map(written -> {
                        if (token == null) {
                            throw Problem.notFound("No completed signup with this id exists for your hub.").exception();
                        }
                        return token;
                    });
        });
    }

    private Uni<BusinessToken> refused(Caller caller, String subject, Problem problem) {
        return audit.refuse(pool, AUDIT, read(caller, subject, CredentialAudit.REFUSED), problem.exception());
    }

    private static CredentialRead read(Caller caller, String subject, String outcome) {
        return CredentialAudit.read(CredentialRead.BUSINESS_TOKEN, subject, caller.hubId(), caller.keyFingerprint(), outcome);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
