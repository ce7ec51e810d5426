package com.bsp.onboarding.contracts.signup;

/** CloudEvents {@code type} values on {@link com.bsp.onboarding.contracts.Topics#SIGNUP_EVENTS}. */
public final class SignupEventTypes {

    public static final String SIGNUP_COMPLETED = "com.bsp.onboarding.es.signup-completed.v1";

    /** A hosted session's page received a WA_EMBEDDED_SIGNUP message (finish, CANCEL, ERROR); keyed by session id. */
    public static final String SESSION_EVENT = "com.bsp.onboarding.es.session-event.v1";

    /** A hosted signup session was created: the ES onboarding started ({@link SignupSessionStarted}). */
    public static final String SIGNUP_SESSION_STARTED = "com.bsp.onboarding.es.signup-session-started.v1";
    /** A business token was handed to its hub (Tech Provider mode) or refused ({@link com.bsp.onboarding.contracts.audit.CredentialRead}). */
    public static final String CREDENTIAL_READ = "com.bsp.onboarding.es.credential-read.v1";
    public static final String SOURCE = "urn:bsp-onboarding:token-service";

    private SignupEventTypes() {
    }
}
