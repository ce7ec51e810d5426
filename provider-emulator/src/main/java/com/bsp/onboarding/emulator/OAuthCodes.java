package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Embedded Signup codes and the business tokens they are exchanged for ({@code GET /oauth/access_token},
 * {@code GET /debug_token}), as token-service uses them. A code is accepted once and only within its TTL;
 * the errors are Meta's (100/36009 used, 100/36007 expired).
 */
final class OAuthCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Code(IssuedCode issued, AtomicBoolean used) {
    }

    /** A business token: which signup it came from. */
    private record Token(IssuedCode signup, Instant issuedAt) {
    }

    /** What debug_token lists for new tokens unless a signup says otherwise; since June 2026, manage_events. */
    private volatile TokenScopes defaultScopes;

    private final ProviderSettings settings;
    private final GraphAccounts accounts;
    // Graph ids are numeric; starting from the clock keeps them apart from those of earlier runs, whose
    // WABAs the other services may still remember.
    private final AtomicLong graphIds = new AtomicLong(System.currentTimeMillis() * 1_000);
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, IssuedCode> signupByWaba = new ConcurrentHashMap<>();
    private final Map<String, Instant> exchangedAtByWaba = new ConcurrentHashMap<>();
    private volatile Consumer<IssuedCode> onExchanged = issued -> { };

    OAuthCodes(ProviderSettings settings, GraphAccounts accounts) {
        this.settings = settings;
        this.accounts = accounts;
        this.defaultScopes = settings.tokenScopes();
    }

    void onExchanged(Consumer<IssuedCode> listener) {
        this.onExchanged = listener;
    }

    /**
     * What Meta does when a customer finishes Embedded Signup: a WABA in a new business portfolio (with one
     * phone number unless the customer finished without one: not yet registered on Cloud API, or, for
     * coexistence, a WhatsApp Business app number) and a code for the app, issued {@code options.age()} ago.
     */
    IssuedCode issue(String appId, SignupOptions options) {
        Instant issuedAt = Instant.now().minus(options.age());
        String waba = nextGraphId();
        String business = nextGraphId();
        String phone = options.flow() == SignupFlow.NO_NUMBER ? null : nextGraphId();
        String reachable = waba;
        if (options.tokenReachesOtherWaba()) {
            reachable = nextGraphId();
            accounts.seed(reachable, business, nextGraphId(), false);
        }
        IssuedCode issued = new IssuedCode("AQ" + randomToken(48), appId == null ? settings.appId() : appId, waba, business, phone,
                issuedAt, issuedAt.plus(settings.codeTtl()), options.flow(),
                options.scopes() == null ? defaultScopes : options.scopes(), reachable);
        if (options.flow() == SignupFlow.COEXISTENCE) {
            accounts.seedAppNumber(waba, business, phone);
        } else {
            accounts.seed(waba, business, phone, false);
        }
        signupByWaba.put(waba, issued);
        codes.put(issued.code(), new Code(issued, new AtomicBoolean()));
        return issued;
    }

    void defaultScopes(TokenScopes scopes) {
        this.defaultScopes = scopes;
    }

    TokenScopes defaultScopes() {
        return defaultScopes;
    }

    /**
     * True when {@code authorization} carries a business token this emulator issued and {@code waba} is a WABA
     * the token does not reach: Graph answers such a call as for an object that does not exist.
     */
    boolean deniesAccess(String authorization, String waba) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Token token = tokens.get(authorization.substring(7).strip());
        return token != null && !token.signup().reachableWabaId().equals(waba);
    }

    /** The app a business token this emulator issued belongs to (the app of its signup's code). */
    Optional<String> appOfToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Token token = tokens.get(authorization.substring(7).strip());
        return token == null ? Optional.empty() : Optional.of(token.signup().appId());
    }

    ProviderResponse exchange(Map<String, String> query) {
        String appId = query.get("client_id");
        String secret = query.get("client_secret");
        String value = query.get("code");
        if (appId == null || secret == null || value == null) {
            return GraphErrors.error(400, 100, null, "Missing client_id, client_secret or code parameter.");
        }
        // The default app, or a further app of the partner (several Meta apps), each with its own secret.
        String appSecret = appId.equals(settings.appId()) ? settings.appSecret()
                : accounts.app(appId).map(EmulatedApp::appSecret).orElse(null);
        if (appSecret == null) {
            return GraphErrors.error(400, 101, null, "Error validating application. Invalid application ID.");
        }
        // Before the code is looked at: a misconfigured secret must not use up the customer's code.
        if (!secret.equals(appSecret)) {
            return GraphErrors.error(400, 100, null, "Error validating client secret.");
        }
        Code code = codes.get(value);
        if (code == null || !code.issued().appId().equals(appId)) {
            return GraphErrors.error(400, 100, 36008, "Invalid verification code format.");
        }
        if (code.used().get()) {
            return GraphErrors.error(400, 100, 36009, "This authorization code has been used.");
        }
        if (Instant.now().isAfter(code.issued().expiresAt())) {
            return GraphErrors.error(400, 100, 36007, "This authorization code has expired.");
        }
        if (!code.used().compareAndSet(false, true)) {
            return GraphErrors.error(400, 100, 36009, "This authorization code has been used.");
        }
        String token = "EAA" + randomToken(96);
        Instant now = Instant.now();
        tokens.put(token, new Token(code.issued(), now));
        exchangedAtByWaba.put(code.issued().wabaId(), now);
        try {
            onExchanged.accept(code.issued());
        } catch (RuntimeException e) {
            // The listener only sends webhooks: its failure must not turn a done exchange into an error.
        }
        return GraphErrors.ok(GraphErrors.object().put("access_token", token).put("token_type", "bearer"));
    }

    /**
     * Called with the partner's System User token (bearer, or {@code access_token}): what a business
     * token may do. A token this emulator never issued is reported invalid, as Meta does, in a 200.
     */
    ProviderResponse debug(Map<String, String> query, String authorization) {
        String caller = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : query.get("access_token");
        if (caller == null || caller.isBlank()) {
            return GraphErrors.error(400, 190, null, "An access token is required to request this resource.");
        }
        boolean systemUser = settings.systemUserToken() == null || caller.equals(settings.systemUserToken())
                || accounts.appOfSystemUser("Bearer " + caller).isPresent();
        boolean appToken = caller.equals(settings.appId() + "|" + settings.appSecret());
        if (!systemUser && !appToken) {
            return GraphErrors.error(400, 190, null, "Invalid OAuth access token - Cannot parse access token");
        }
        String input = query.get("input_token");
        if (input == null || input.isBlank()) {
            return GraphErrors.error(400, 100, null, "(#100) The parameter input_token is required");
        }
        ObjectNode body = GraphErrors.object();
        ObjectNode data = body.putObject("data").put("app_id", settings.appId());
        Token token = tokens.get(input);
        if (token == null) {
            data.put("is_valid", false);
            data.putObject("error").put("code", 190).put("message", "Invalid OAuth access token.");
            return GraphErrors.ok(body);
        }
        String waba = token.signup().reachableWabaId();
        TokenScopes names = token.signup().scopes();
        data.put("type", "SYSTEM_USER").put("application", "Emulated app").put("expires_at", 0)
                .put("data_access_expires_at", 0).put("is_valid", true).put("issued_at", token.issuedAt().getEpochSecond());
        data.putArray("scopes").add(names.managementScope()).add("whatsapp_business_messaging");
        ArrayNode scopes = data.putArray("granular_scopes");
        for (String scope : new String[] {names.managementScope(), "whatsapp_business_messaging"}) {
            ObjectNode granular = scopes.addObject().put("scope", scope);
            if (names.listsTargets()) {
                granular.putArray("target_ids").add(waba);
            }
        }
        return GraphErrors.ok(body);
    }

    /** The WABA a code was issued for (how exchanges are counted), if the code is known. */
    String wabaOfCode(String code) {
        Code found = code == null ? null : codes.get(code);
        return found == null ? null : found.issued().wabaId();
    }

    /** The WABA a business token manages (how debug_token calls are counted), if the token is known. */
    String wabaOfToken(String token) {
        Token found = token == null ? null : tokens.get(token);
        return found == null ? null : found.signup().wabaId();
    }

    /** The Embedded Signup that made a WABA, if this emulator issued it. */
    Optional<ObjectNode> describe(String waba) {
        IssuedCode issued = signupByWaba.get(waba);
        if (issued == null) {
            return Optional.empty();
        }
        ObjectNode signup = GraphErrors.object().put("app_id", issued.appId()).put("business_id", issued.businessId())
                .put("phone_number_id", issued.phoneNumberId()).put("flow", issued.flow().wireName())
                .put("scopes", issued.scopes().wireName()).put("code_issued_at", issued.issuedAt().toString())
                .put("code_expires_at", issued.expiresAt().toString());
        Instant exchanged = exchangedAtByWaba.get(waba);
        signup.put("code_exchanged_at", exchanged == null ? null : exchanged.toString());
        return Optional.of(signup);
    }

    void reset() {
        defaultScopes = settings.tokenScopes();
        codes.clear();
        tokens.clear();
        signupByWaba.clear();
        exchangedAtByWaba.clear();
    }

    private String nextGraphId() {
        return Long.toString(graphIds.incrementAndGet());
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
