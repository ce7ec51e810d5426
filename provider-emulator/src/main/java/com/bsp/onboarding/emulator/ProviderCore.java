package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated providers without a transport: Meta's Graph API (provisioning calls, coexistence syncs,
 * code exchange and debug_token), 360Dialog's Partner API (channel API keys) and messaging API (channel webhooks), with
 * state, call counts, fault injection and latency. {@link ProviderEmulator} serves it over the JDK's HTTP
 * server for tests; the sandbox serves the same core on Vert.x.
 *
 * <p>Thread-safe; no call blocks, so a transport may call it on an event loop.
 */
public final class ProviderCore {

    private static final Pattern GRAPH = Pattern.compile("^/v\\d+\\.\\d+/([^/]+)(?:/([^/]+))?/?$");
    private static final Pattern OAUTH = Pattern.compile("^(?:/v\\d+\\.\\d+)?/oauth/access_token/?$");
    private static final Pattern DEBUG_TOKEN = Pattern.compile("^(?:/v\\d+\\.\\d+)?/debug_token/?$");
    private static final Pattern API_KEYS = Pattern.compile("^/api/v2/partners/([^/]+)/channels/([^/]+)/api_keys/?$");
    private static final Pattern ACCOUNT_SHARING = Pattern.compile("^/api/v2/partners/([^/]+)/account_sharing/(clients|numbers)/?$");
    private static final Pattern CLIENTS = Pattern.compile("^/api/v2/partners/([^/]+)/(clients|channels)/?$");

    /**
     * One recognised call: how it is counted ({@code operation}, {@code target}), which header carries
     * its credential (recorded, and required unless the handler checks it itself) and what it does.
     */
    private record Route(String operation, String target, boolean dialog360, String authHeader, boolean authChecked,
            Function<ProviderRequest, ProviderResponse> handler) {

        static Route graph(String operation, String target, Function<ProviderRequest, ProviderResponse> handler) {
            return new Route(operation, target, false, "Authorization", true, handler);
        }
    }

    private final ProviderSettings settings;
    private final CallLog calls = new CallLog();
    private final FaultInjector faults = new FaultInjector();
    private final GraphAccounts accounts;
    private final OAuthCodes codes;
    private final Dialog360Channels channels = new Dialog360Channels();
    private final Dialog360Clients dialog360Clients = new Dialog360Clients();
    private final Dialog360AccountSharing accountSharing = new Dialog360AccountSharing(dialog360Clients);

    public ProviderCore(ProviderSettings settings) {
        this.settings = settings;
        this.accounts = new GraphAccounts(settings);
        this.codes = new OAuthCodes(settings, accounts);
    }

    public ProviderSettings settings() {
        return settings;
    }

    // --- provider calls --------------------------------------------------------------------------

    /**
     * Accepts a provider call: counts it and picks its latency. The transport waits that long, then
     * {@link PendingResponse#complete() completes} it. Unknown requests are answered at once, uncounted.
     */
    public PendingResponse handle(ProviderRequest request) {
        Route route = route(request);
        if (route == null) {
            ProviderResponse unsupported = GraphErrors.error(400, 100, null, "Unsupported " + request.method() + " request " + request.path());
            return new PendingResponse(Duration.ZERO, () -> unsupported);
        }
        String authorization = request.header(route.authHeader());
        CallLog.Call call = new CallLog.Call(route.operation(), route.target(), authorization, request.rawQuery(),
                new String(request.body(), StandardCharsets.UTF_8), Instant.now(), new java.util.concurrent.atomic.AtomicBoolean());
        calls.add(call);
        return new PendingResponse(faults.latencyOf(route.operation(), route.target()), () -> complete(route, request, authorization, call));
    }

    private ProviderResponse complete(Route route, ProviderRequest request, String authorization, CallLog.Call call) {
        try {
            FaultSpec fault = faults.next(route.operation(), route.target());
            if (fault != null) {
                // Tests tell calls that took effect from calls answered with an injected fault.
                call.faulted().set(true);
                return fault.drop() ? ProviderResponse.dropped()
                        : GraphErrors.error(fault.httpStatus(), fault.code(), fault.subcode(), "Injected fault");
            }
            if (route.authChecked() && (authorization == null || authorization.isBlank())) {
                return route.dialog360() ? GraphErrors.detail(401, "missing " + route.authHeader())
                        : GraphErrors.error(400, 190, null, "An access token is required to request this resource.");
            }
            if (!route.dialog360() && route.target() != null && accounts.businessOf(route.target()).isPresent()
                    && codes.deniesAccess(authorization, route.target())) {
                // Graph's answer for a WABA a token was not granted: as if it did not exist.
                return GraphErrors.error(400, 100, 33, "Unsupported " + request.method() + " request. Object with ID '" + route.target()
                        + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");
            }
            return route.handler().apply(request);
        } catch (RuntimeException e) {
            return ProviderResponse.json(500, GraphErrors.object().put("error", String.valueOf(e)));
        }
    }

    private Route route(ProviderRequest request) {
        String method = request.method();
        String path = request.path();
        Matcher keys = API_KEYS.matcher(path);
        if (keys.matches() && method.equals("POST")) {
            String channel = keys.group(2);
            return new Route("create_api_key", channel, true, "X-API-Key", true, r -> channels.createApiKey(channel));
        }
        Matcher sharing = ACCOUNT_SHARING.matcher(path);
        if (sharing.matches() && method.equals("POST")) {
            String partner = sharing.group(1);
            return sharing.group(2).equals("clients")
                    ? new Route("account_sharing_client", partner, true, "X-API-Key", true, r -> accountSharing.createClient(partner, r.body()))
                    : new Route("account_sharing_number", partner, true, "X-API-Key", true, r -> accountSharing.shareNumber(partner, r.body()));
        }
        Matcher clientList = CLIENTS.matcher(path);
        if (clientList.matches() && method.equals("GET")) {
            String partner = clientList.group(1);
            return clientList.group(2).equals("clients")
                    ? new Route("list_clients", partner, true, "X-API-Key", true,
                            r -> dialog360Clients.listClients(partner, r.query().get("filters")))
                    : new Route("list_channels", partner, true, "X-API-Key", true,
                            r -> dialog360Clients.listChannels(partner, r.query().get("filters")));
        }
        if (path.equals("/v1/configs/webhook")) {
            return new Route(method.equals("POST") ? "set_webhook" : "read_webhook", null, true, "D360-API-KEY", true,
                    r -> channels.webhook(method, r.header("D360-API-KEY"), r.body()));
        }
        Map<String, String> query = request.query();
        if (method.equals("GET") && OAUTH.matcher(path).matches()) {
            // The app authenticates with its id and secret in the query; there is no bearer token yet. Counted
            // per WABA of the code, so a test can check each signup's code was exchanged once.
            return new Route("exchange_code", codes.wabaOfCode(query.get("code")), false, "Authorization", false,
                    r -> codes.exchange(query));
        }
        if (method.equals("GET") && DEBUG_TOKEN.matcher(path).matches()) {
            return new Route("debug_token", codes.wabaOfToken(query.get("input_token")), false, "Authorization", false,
                    r -> codes.debug(query, r.header("Authorization")));
        }
        Matcher graph = GRAPH.matcher(path);
        if (!graph.matches()) {
            return null;
        }
        String id = graph.group(1);
        String edge = graph.group(2);
        if (edge == null) {
            if (method.equals("DELETE")) {
                return Route.graph("revoke_allocation", id, r -> accounts.revokeAllocation(id));
            }
            if (method.equals("GET") && accounts.isAllocation(id)) {
                return Route.graph("read_allocation", id, r -> accounts.readAllocation(id));
            }
            return method.equals("GET") ? Route.graph("read_waba", id, r -> accounts.readWaba(id, query)) : null;
        }
        return switch (method + " " + edge) {
            case "POST subscribed_apps" -> Route.graph("subscribe_app", id, r -> accounts.subscribe(id, r.header("Authorization"),
                    codes.appOfToken(r.header("Authorization"))));
            case "GET subscribed_apps" -> Route.graph("list_subscribed_apps", id, r -> accounts.subscribedApps(id));
            case "GET extendedcredits" -> Route.graph("read_credit_lines", id, r -> accounts.creditLines(r.header("Authorization")));
            case "POST whatsapp_credit_sharing_and_attach" -> Route.graph("share_credit_line", query.get("waba_id"),
                    r -> accounts.shareCreditLine(id, query, r.header("Authorization")));
            case "GET owning_credit_allocation_configs" -> Route.graph("list_allocations", id, r -> accounts.listAllocations(id, query));
            case "GET phone_numbers" -> Route.graph("list_phone_numbers", id, r -> accounts.phoneNumbers(id));
            case "POST register" -> Route.graph("register", id, r -> accounts.register(id, r.body()));
            case "POST smb_app_data" -> Route.graph("sync_smb_app_data", id, r -> accounts.syncAppData(id, r.body()));
            default -> null;
        };
    }

    // --- Embedded Signup -------------------------------------------------------------------------

    /** A customer finished Embedded Signup for {@code appId} (null: the configured app): a fresh WABA and its code. */
    public IssuedCode issueCode(String appId) {
        return codes.issue(appId, SignupOptions.defaults());
    }

    /**
     * Like {@link #issueCode(String)}, for a customer who finished Embedded Signup {@code age} ago: a
     * code older than the code lifetime is one Meta refuses as expired.
     */
    public IssuedCode issueCode(String appId, Duration age) {
        return codes.issue(appId, SignupOptions.defaults().withAge(age));
    }

    /** A customer finished Embedded Signup as {@code options} say (flow, token scopes, the WABA the token reaches). */
    public IssuedCode issueCode(String appId, SignupOptions options) {
        return codes.issue(appId, options);
    }

    /** The scope names debug_token lists for tokens of signups that do not choose theirs (Meta since June 2026: manage_events). */
    public void defaultTokenScopes(TokenScopes scopes) {
        codes.defaultScopes(scopes);
    }

    public TokenScopes defaultTokenScopes() {
        return codes.defaultScopes();
    }

    /** Called after every successful code exchange (the sandbox sends PARTNER_ADDED from here). Must not block. */
    public void onCodeExchanged(Consumer<IssuedCode> listener) {
        codes.onExchanged(listener);
    }

    /** Called when 360Dialog accepts a number through account sharing (the sandbox creates its channel). Must not block. */
    public void onNumberShared(Consumer<Dialog360AccountSharing.SharedNumber> listener) {
        accountSharing.onNumberShared(listener);
    }

    /**
     * A 360Dialog client of {@code partnerId} (created with {@code partnerPayload} if new: 360Dialog keeps the payload of
     * the link the client signed up through) and its channels with {@code status}. The sandbox's hub calls this when a
     * customer finishes a signup or permission screen; tests call it through the admin API ({@code POST clients}).
     */
    public void dialog360Client(String partnerId, String clientId, String partnerPayload, List<String> channelIds, String status) {
        dialog360Clients.client(partnerId, clientId, clientId, partnerPayload);
        channelIds.forEach(channel -> dialog360Clients.channel(partnerId, clientId, channel, status));
    }

    /** 360Dialog's account sharing: {@code {"clients":[...],"numbers":[...]}}. */
    public ObjectNode accountSharing() {
        return accountSharing.state();
    }

    // --- admin -----------------------------------------------------------------------------------

    /** {@code {"calls":[{operation,target,authorization,query,body,at}],"count":n}}; null matches any. */
    public ObjectNode calls(String operation, String target) {
        return calls.calls(operation, target);
    }

    /** Per operation: {@code calls}, {@code targets}, {@code max_per_target}. */
    public ObjectNode summary() {
        return calls.summary();
    }

    public void addFault(FaultSpec fault) {
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clearFaults();
    }

    /** Latency of every call ({@code operation} null) or of one operation's calls. */
    public void latency(String operation, Duration delay) {
        faults.latency(operation, delay);
    }

    /**
     * The next {@code times} calls of {@code operation} ("*" for any) on {@code target} (null for any) take
     * {@code delay}, then take effect as usual: a slow provider for one call, a call in flight.
     */
    public void slowNext(String operation, String target, long times, Duration delay) {
        faults.slowNext(operation, target, times, delay);
    }

    /**
     * Makes Meta know a WABA's business and phone number (registered on Cloud API or not); a null
     * {@code phoneNumberId} makes a WABA without a number.
     */
    public void seed(String wabaId, String businessId, String phoneNumberId, boolean registered) {
        accounts.seed(wabaId, businessId, phoneNumberId, registered);
    }

    /** Makes Meta know a WABA whose number stays on the WhatsApp Business app (coexistence): never registered. */
    public void seedAppNumber(String wabaId, String businessId, String phoneNumberId) {
        accounts.seedAppNumber(wabaId, businessId, phoneNumberId);
    }

    /** A further Meta app of the partner (several apps): its System User token and credit line are its own. */
    public void addApp(EmulatedApp app) {
        accounts.addApp(app);
    }

    public Optional<EmulatedApp> app(String appId) {
        return accounts.app(appId);
    }

    /** A channel's state at 360Dialog: whether it has a key, and the webhook its current key has set (null: none). */
    public ObjectNode channel(String channelId) {
        return channels.describe(channelId);
    }

    public Optional<String> businessOf(String wabaId) {
        return accounts.businessOf(wabaId);
    }

    /** Everything known of a WABA: business, numbers, subscription, credit allocation and its signup. */
    public Optional<ObjectNode> waba(String wabaId) {
        Optional<ObjectNode> signup = codes.describe(wabaId);
        return accounts.describe(wabaId).map(state -> {
            state.set("signup", signup.orElse(null));
            return state;
        });
    }

    /** Forgets all state, calls, faults and latency; keeps the further apps ({@link #addApp}). */
    public void reset() {
        calls.clear();
        faults.reset();
        accounts.reset();
        codes.reset();
        channels.reset();
        accountSharing.reset();
        dialog360Clients.reset();
    }
}
