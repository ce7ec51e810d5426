package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Meta's side of provisioning: WABAs with their business and numbers, app subscriptions, credit line
 * allocations, number registrations and the coexistence syncs of WhatsApp Business app numbers. Formats
 * follow {@code shared/reference/onboarding-apis.md}; where Meta documents no response shape (allocation
 * lists) or no error (see {@link #register} and {@link #syncAppData}), a plausible one is picked and
 * clients read it tolerantly.
 */
final class GraphAccounts {

    static final int REGISTRATION_LIMIT = 10;
    static final Duration REGISTRATION_WINDOW = Duration.ofHours(72);
    private static final Set<String> CURRENCIES = Set.of("AUD", "EUR", "GBP", "IDR", "INR", "USD");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    /** The two one-time syncs of a coexistence number: contacts, then message history. */
    static final Set<String> SYNC_TYPES = Set.of("smb_app_state_sync", "history");
    /**
     * Meta's answer to a second sync of the same type. Meta's coexistence page says each sync "can only be
     * performed once" (repeating needs offboarding and a new Embedded Signup) but names no error; public
     * client code matches 2593107 as "already synced", so the emulator answers it as the subcode of a 100.
     */
    static final int SYNC_ALREADY_REQUESTED_SUBCODE = 2593107;

    record Allocation(String id, String creditLineId, String wabaId, String fundingId) {
    }

    private final ProviderSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    private final Set<String> subscribedWabas = ConcurrentHashMap.newKeySet();
    /** Per WABA: the apps subscribed to it (the app of the token that subscribed it). */
    private final Map<String, Set<String>> subscribedAppsByWaba = new ConcurrentHashMap<>();
    /** Further apps of the partner by app id (several Meta apps). */
    private final Map<String, EmulatedApp> apps = new ConcurrentHashMap<>();
    private final Map<String, Allocation> allocations = new ConcurrentHashMap<>();
    private final Map<String, String> businessByWaba = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> phonesByWaba = new ConcurrentHashMap<>();
    private final Set<String> registeredPhones = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Instant>> registrationsByPhone = new ConcurrentHashMap<>();
    /** Numbers that stay on the WhatsApp Business app (onboarded with coexistence). */
    private final Set<String> appPhones = ConcurrentHashMap.newKeySet();
    /** Per coexistence number: the syncs requested, sync_type to request_id. */
    private final Map<String, Map<String, String>> syncsByPhone = new ConcurrentHashMap<>();

    GraphAccounts(ProviderSettings settings) {
        this.settings = settings;
    }

    // --- state the admin API and Embedded Signup put in ----------------------------------------

    /** A WABA with its business and number; {@code phone} null: a WABA without a number (phone_numbers lists none). */
    void seed(String waba, String business, String phone, boolean registered) {
        if (business != null) {
            businessByWaba.put(waba, business);
        }
        Set<String> phones = phonesByWaba.computeIfAbsent(waba, w -> ConcurrentHashMap.newKeySet());
        if (phone != null) {
            phones.add(phone);
            if (registered) {
                registeredPhones.add(phone);
            }
        }
    }

    /**
     * A number that stays in use on the WhatsApp Business app, onboarded with coexistence: on Cloud API
     * without being registered, never registrable, and its contacts and history can be synced once each.
     */
    void seedAppNumber(String waba, String business, String phone) {
        seed(waba, business, phone, false);
        appPhones.add(phone);
    }

    void addApp(EmulatedApp app) {
        apps.put(app.appId(), app);
    }

    Optional<EmulatedApp> app(String appId) {
        return Optional.ofNullable(appId == null ? null : apps.get(appId));
    }

    /** The further app whose System User token this bearer is; empty for the default app's or any other token. */
    Optional<EmulatedApp> appOfSystemUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        return apps.values().stream().filter(app -> token.equals(app.systemUserToken())).findFirst();
    }

    Optional<String> businessOf(String waba) {
        return Optional.ofNullable(businessByWaba.get(waba));
    }

    boolean isAllocation(String id) {
        return allocations.containsKey(id);
    }

    void reset() {
        subscribedWabas.clear();
        subscribedAppsByWaba.clear();
        // The further apps are configuration (the sandbox registers them at start): a reset keeps them.
        allocations.clear();
        businessByWaba.clear();
        phonesByWaba.clear();
        registeredPhones.clear();
        registrationsByPhone.clear();
        appPhones.clear();
        syncsByPhone.clear();
    }

    /** What Meta knows of a WABA, for the sandbox's state view; empty when it knows nothing. */
    Optional<ObjectNode> describe(String waba) {
        boolean known = businessByWaba.containsKey(waba) || phonesByWaba.containsKey(waba) || subscribedWabas.contains(waba)
                || allocations.values().stream().anyMatch(a -> a.wabaId().equals(waba));
        if (!known) {
            return Optional.empty();
        }
        ObjectNode body = GraphErrors.object().put("waba_id", waba).put("business_id", businessByWaba.get(waba));
        ArrayNode apps = body.putArray("subscribed_apps");
        subscribedAppsByWaba.getOrDefault(waba, Set.of()).stream().sorted().forEach(apps::add);
        ArrayNode phones = body.putArray("phone_numbers");
        for (String phone : phonesByWaba.getOrDefault(waba, Set.of())) {
            Deque<Instant> recent = registrationsByPhone.getOrDefault(phone, new ArrayDeque<>());
            int registrations;
            synchronized (recent) {
                registrations = recent.size();
            }
            ObjectNode number = phones.addObject().put("id", phone).put("registered", registeredPhones.contains(phone))
                    .put("registrations", registrations).put("is_on_biz_app", appPhones.contains(phone));
            ArrayNode syncs = number.putArray("app_data_syncs");
            syncsByPhone.getOrDefault(phone, Map.of()).keySet().stream().sorted().forEach(syncs::add);
        }
        allocations.values().stream().filter(a -> a.wabaId().equals(waba)).findFirst().ifPresentOrElse(
                a -> body.putObject("credit_allocation").put("id", a.id()).put("credit_line_id", a.creditLineId())
                        .put("funding_id", a.fundingId()),
                () -> body.putNull("credit_allocation"));
        body.put("message_template_namespace", templateNamespace(waba));
        return Optional.of(body);
    }

    // --- Graph calls ---------------------------------------------------------------------------

    /**
     * Subscribes the app the token belongs to: a further app's System User token subscribes that app, a business
     * token the app of its signup ({@code tokenApp}), any other token the default app.
     */
    ProviderResponse subscribe(String waba, String authorization, Optional<String> tokenApp) {
        subscribedWabas.add(waba);
        String app = appOfSystemUser(authorization).map(EmulatedApp::appId).or(() -> tokenApp).orElse(settings.appId());
        subscribedAppsByWaba.computeIfAbsent(waba, w -> ConcurrentHashMap.newKeySet()).add(app);
        return GraphErrors.success();
    }

    ProviderResponse subscribedApps(String waba) {
        ObjectNode body = GraphErrors.object();
        ArrayNode data = body.putArray("data");
        subscribedAppsByWaba.getOrDefault(waba, Set.of()).stream().sorted().forEach(app ->
                data.addObject().putObject("whatsapp_business_api_data").put("id", app).put("name", "Emulated app " + app));
        return GraphErrors.ok(body);
    }

    /** The credit line of the caller's app (a further app's System User token lists that app's). */
    ProviderResponse creditLines(String authorization) {
        ObjectNode body = GraphErrors.object();
        String line = appOfSystemUser(authorization).map(EmulatedApp::creditLineId).orElse(settings.creditLineId());
        body.putArray("data").addObject().put("id", line).put("legal_entity_name", "Emulated partner");
        return GraphErrors.ok(body);
    }

    /**
     * Only the System User of the app that owns a credit line may share it: another app's token is refused as Graph
     * refuses a missing permission (200). Meta documents no exact answer for this; (#200) is the permission family
     * (reference §2.5).
     */
    ProviderResponse shareCreditLine(String creditLine, Map<String, String> query, String authorization) {
        Optional<EmulatedApp> owner = apps.values().stream().filter(app -> creditLine.equals(app.creditLineId())).findFirst();
        Optional<EmulatedApp> caller = appOfSystemUser(authorization);
        boolean ownersToken = owner.isPresent() ? caller.equals(owner) : caller.isEmpty() || !creditLine.equals(settings.creditLineId());
        if (!ownersToken) {
            return GraphErrors.error(403, 200, null, "(#200) The System User has no permission on credit line " + creditLine);
        }
        return shareCreditLine(creditLine, query);
    }

    private ProviderResponse shareCreditLine(String creditLine, Map<String, String> query) {
        String waba = query.get("waba_id");
        String currency = query.get("waba_currency");
        if (waba == null || currency == null || !CURRENCIES.contains(currency)) {
            return GraphErrors.error(400, 100, null, "(#100) waba_id and a supported waba_currency are required");
        }
        // Checked and attached atomically: a credit line cannot be attached twice, even by concurrent calls.
        synchronized (allocations) {
            boolean attached = allocations.values().stream().anyMatch(a -> a.wabaId().equals(waba));
            if (attached) {
                return GraphErrors.error(400, 100, 2388096, "A credit line is already attached to this WhatsApp Business Account");
            }
            Allocation allocation = new Allocation("alloc-" + ids.incrementAndGet(), creditLine, waba, "funding-" + ids.incrementAndGet());
            allocations.put(allocation.id(), allocation);
            return GraphErrors.ok(GraphErrors.object().put("allocation_config_id", allocation.id()).put("waba_id", waba));
        }
    }

    ProviderResponse readAllocation(String id) {
        Allocation allocation = allocations.get(id);
        if (allocation == null) {
            return GraphErrors.error(400, 100, 33, "Unsupported get request. Object with ID '" + id + "' does not exist");
        }
        ObjectNode body = GraphErrors.object().put("id", id);
        body.putObject("receiving_credential").put("id", allocation.fundingId());
        return GraphErrors.ok(body);
    }

    ProviderResponse listAllocations(String creditLine, Map<String, String> query) {
        String business = query.get("receiving_business_id");
        ObjectNode body = GraphErrors.object();
        ArrayNode data = body.putArray("data");
        allocations.values().stream()
                .filter(a -> a.creditLineId().equals(creditLine))
                .filter(a -> business == null || !businessByWaba.containsKey(a.wabaId()) || business.equals(businessByWaba.get(a.wabaId())))
                .forEach(a -> {
                    ObjectNode item = data.addObject().put("id", a.id());
                    item.putObject("receiving_credential").put("id", a.fundingId());
                });
        return GraphErrors.ok(body);
    }

    ProviderResponse revokeAllocation(String id) {
        if (allocations.remove(id) == null) {
            return GraphErrors.error(400, 100, 33, "Unsupported delete request. Object with ID '" + id + "' does not exist");
        }
        return GraphErrors.success();
    }

    ProviderResponse readWaba(String waba, Map<String, String> query) {
        ObjectNode body = GraphErrors.object().put("id", waba);
        String fields = query.getOrDefault("fields", "");
        if (fields.contains("primary_funding_id")) {
            allocations.values().stream().filter(a -> a.wabaId().equals(waba)).findFirst()
                    .ifPresent(a -> body.put("primary_funding_id", a.fundingId()));
        }
        if (fields.contains("message_template_namespace")) {
            body.put("message_template_namespace", templateNamespace(waba));
        }
        return GraphErrors.ok(body);
    }

    /**
     * A coexistence number is on Cloud API without a register call: {@code platform_type} CLOUD_API with
     * {@code is_on_biz_app} true, the pair public integrations check to recognise one (Meta's phone number
     * fields; public integrations read {@code fields=id,is_on_biz_app,platform_type} for it).
     */
    ProviderResponse phoneNumbers(String waba) {
        ObjectNode body = GraphErrors.object();
        ArrayNode data = body.putArray("data");
        for (String phone : phonesByWaba.getOrDefault(waba, Set.of())) {
            boolean onApp = appPhones.contains(phone);
            boolean onCloudApi = onApp || registeredPhones.contains(phone);
            data.addObject().put("id", phone).put("display_phone_number", "+1 555 0100")
                    .put("platform_type", onCloudApi ? "CLOUD_API" : "NOT_APPLICABLE")
                    .put("status", onCloudApi ? "CONNECTED" : "PENDING")
                    .put("is_on_biz_app", onApp);
        }
        return GraphErrors.ok(body);
    }

    ProviderResponse register(String phone, byte[] raw) {
        JsonNode body = jsonBody(raw);
        if (body == null) {
            return GraphErrors.error(400, 100, null, "(#100) The request body is not JSON");
        }
        if (!"whatsapp".equals(body.path("messaging_product").asText()) || !SIX_DIGITS.matcher(body.path("pin").asText()).matches()) {
            return GraphErrors.error(400, 100, null, "(#100) messaging_product 'whatsapp' and a 6-digit pin are required");
        }
        if (appPhones.contains(phone)) {
            // Meta says a coexistence number must not be registered (its page, and Chatwoot PR #15462, which stopped
            // calling /register after such calls failed) but documents no error; a non-retryable 100 is a plausible one.
            return GraphErrors.error(400, 100, null,
                    "(#100) This phone number is in use on the WhatsApp Business app (coexistence) and cannot be registered");
        }
        Deque<Instant> recent = registrationsByPhone.computeIfAbsent(phone, p -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = Instant.now();
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(REGISTRATION_WINDOW))) {
                recent.removeFirst();
            }
            if (recent.size() >= REGISTRATION_LIMIT) {
                return GraphErrors.error(400, 133016, null, "Account register deregister rate limit exceeded");
            }
            recent.addLast(now);
        }
        registeredPhones.add(phone);
        return GraphErrors.success();
    }

    /**
     * {@code POST /{phone_number_id}/smb_app_data} {@code {"messaging_product":"whatsapp","sync_type":
     * "smb_app_state_sync"|"history"}} answers {@code {"messaging_product":"whatsapp","request_id":...}}; the
     * contacts and the history then arrive as webhooks (not emulated). Each type once per onboarding.
     * Meta's page (https://developers.facebook.com/docs/whatsapp/embedded-signup/onboarding-business-app-users)
     * also allows the syncs only within 24 hours of onboarding; that window is not emulated. A number that is
     * not a coexistence number is refused with a 100 (Meta names no error for it).
     */
    ProviderResponse syncAppData(String phone, byte[] raw) {
        JsonNode body = jsonBody(raw);
        if (body == null) {
            return GraphErrors.error(400, 100, null, "(#100) The request body is not JSON");
        }
        String syncType = body.path("sync_type").asText();
        if (!"whatsapp".equals(body.path("messaging_product").asText()) || !SYNC_TYPES.contains(syncType)) {
            return GraphErrors.error(400, 100, null,
                    "(#100) messaging_product 'whatsapp' and a sync_type of smb_app_state_sync or history are required");
        }
        if (!appPhones.contains(phone)) {
            return GraphErrors.error(400, 100, null, "(#100) This phone number is not a WhatsApp Business app number onboarded with coexistence");
        }
        Map<String, String> syncs = syncsByPhone.computeIfAbsent(phone, p -> new ConcurrentHashMap<>());
        String requestId = "sync-" + ids.incrementAndGet();
        if (syncs.putIfAbsent(syncType, requestId) != null) {
            return GraphErrors.error(400, 100, SYNC_ALREADY_REQUESTED_SUBCODE,
                    "(#100) The " + syncType + " sync was already requested for this phone number; it can only be performed once");
        }
        return GraphErrors.ok(GraphErrors.object().put("messaging_product", "whatsapp").put("request_id", requestId));
    }

    /** A request's JSON body ({} when empty), or null when it is not JSON. */
    private JsonNode jsonBody(byte[] raw) {
        try {
            return raw.length == 0 ? GraphErrors.object() : json.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static String templateNamespace(String waba) {
        return "ns_" + waba.replaceAll("[^A-Za-z0-9]", "_");
    }
}
