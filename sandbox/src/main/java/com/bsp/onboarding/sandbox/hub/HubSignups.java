package com.bsp.onboarding.sandbox.hub;

import com.bsp.onboarding.emulator.ProviderCore;
import com.bsp.onboarding.sandbox.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The 360Dialog hub's side of Integrated Onboarding: it checks a link's IO signature (one signature serves
 * one onboarding attempt, so a second use is a replay), lets the customer sign up, then creates the client
 * and its channels, sends the browser back with {@code client}, {@code channels=[a,b]} and {@code state},
 * and announces the channels in partner webhooks.
 */
@ApplicationScoped
public class HubSignups {

    static final int MAX_CHANNELS = 10;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,12}");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxConfig config;
    private final PartnerWebhooks webhooks;
    private final ProviderCore core;
    private final Set<String> usedSignatures = ConcurrentHashMap.newKeySet();
    private final Map<String, HubSignup> signups = new ConcurrentHashMap<>();

    public HubSignups(SandboxConfig config, PartnerWebhooks webhooks, ProviderCore core) {
        this.config = config;
        this.webhooks = webhooks;
        this.core = core;
    }

    /** A signup ({@code signup}) or permission ({@code permissions}) link was opened. */
    HubOutcome open(String partnerId, String kind, Map<String, String> params) {
        Optional<Map.Entry<String, SandboxConfig.Hub>> hub = hub(partnerId);
        if (hub.isEmpty()) {
            return new HubOutcome.Refused(404, "Unknown partner", "No partner " + partnerId + " is configured in this hub.");
        }
        String timestamp = params.get("io_timestamp");
        String signature = params.get("io_signature");
        if (timestamp == null || signature == null || !DIGITS.matcher(timestamp).matches()) {
            return new HubOutcome.Refused(403, "Invalid link", "The link carries no valid io_signature and io_timestamp.");
        }
        Optional<byte[]> digest = IoSignatureCheck.verify(partnerId, timestamp, signature, hub.get().getValue().platformSecret());
        if (digest.isEmpty()) {
            return new HubOutcome.Refused(403, "Invalid signature",
                    "io_signature is not the HMAC-SHA512 of '" + partnerId + "|" + timestamp + "' under this partner's platform secret.");
        }
        Optional<Duration> maxAge = config.hubSignatureMaxAge();
        if (maxAge.isPresent() && Instant.ofEpochSecond(Long.parseLong(timestamp)).plus(maxAge.get()).isBefore(Instant.now())) {
            return new HubOutcome.Refused(403, "Link expired", "io_timestamp is older than sandbox.hub-signature-max-age.");
        }
        // Recorded on first sight, as 360Dialog does: a reloaded or shared link is a replay.
        String attempt = HexFormat.of().formatHex(digest.get());
        if (config.hubReplayKey() == SandboxConfig.ReplayKey.LINK) {
            attempt += "|" + params.getOrDefault("state", "");
        }
        if (!usedSignatures.add(attempt)) {
            return new HubOutcome.Refused(409, "Link already used (replay)",
                    "This io_signature was used before. Every onboarding attempt needs a freshly signed link.");
        }
        HubSignup signup = new HubSignup(randomId(24), hub.get().getKey(), partnerId, kind, Map.copyOf(params), Instant.now(),
                new AtomicBoolean());
        signups.put(signup.id(), signup);
        return new HubOutcome.Opened(signup);
    }

    /** The customer finished the signup: once per signup; {@code channels} null means the hub's default count. */
    HubOutcome complete(String partnerId, String signupId, Integer channels) {
        HubSignup signup = signupId == null ? null : signups.get(signupId);
        if (signup == null || !signup.partnerId().equals(partnerId)) {
            return new HubOutcome.Refused(404, "Unknown signup", "This signup was not started from a signed link.");
        }
        SandboxConfig.Hub hub = config.hubs().get(signup.hubId());
        int count = channels == null ? hub.channels() : channels;
        if (count < 0 || count > MAX_CHANNELS) {
            return new HubOutcome.Refused(400, "Invalid number of channels", "Between 0 and " + MAX_CHANNELS + " channels can be granted.");
        }
        Optional<String> target = Optional.ofNullable(signup.param("redirect_url")).or(hub::defaultRedirectUrl);
        if (target.isPresent() && !isHttpUrl(target.get())) {
            return new HubOutcome.Refused(400, "Invalid redirect_url", "redirect_url must be an absolute http(s) URL.");
        }
        if (!signup.completed().compareAndSet(false, true)) {
            return new HubOutcome.Refused(409, "Signup already completed", "This signup was completed before.");
        }
        // An existing client (permission screen, or connect_client_user) keeps its id; a signup makes a new one.
        String clientId = Optional.ofNullable(signup.param("client_id")).orElseGet(() -> randomId(8) + "CL");
        List<String> channelIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            channelIds.add(randomId(8) + "CH");
        }
        URI redirect = target.map(url -> redirect(url, clientId, channelIds, signup.param("state"))).orElse(null);
        // 360Dialog stores the link's partner parameter on a new client as partner_payload, readable through the
        // Partner API with its channels (reference §1.1, §1.5, §3.5); an existing client keeps its payload.
        core.dialog360Client(partnerId, clientId, signup.param("partner"), channelIds, "running");
        webhooks.channelsGranted(hub, clientId, channelIds, signup.param("number"));
        return new HubOutcome.Completed(signup, clientId, List.copyOf(channelIds), redirect);
    }

    /** How many channels the signup page offers to grant. */
    int defaultChannels(HubSignup signup) {
        return config.hubs().get(signup.hubId()).channels();
    }

    /** Forgets used signatures and open signups. */
    public void reset() {
        usedSignatures.clear();
        signups.clear();
    }

    /** {@code ?client=<id>&channels=[a,b]&state=<s>}: the list is brackets around ids, not JSON (brackets percent-encoded). */
    static URI redirect(String target, String clientId, List<String> channelIds, String state) {
        String channels = channelIds.stream().map(HubSignups::encode).collect(Collectors.joining(",", "%5B", "%5D"));
        String query = "client=" + encode(clientId) + "&channels=" + channels + (state == null ? "" : "&state=" + encode(state));
        return URI.create(target + (URI.create(target).getRawQuery() == null ? "?" : "&") + query);
    }

    private Optional<Map.Entry<String, SandboxConfig.Hub>> hub(String partnerId) {
        return config.hubs().entrySet().stream().filter(e -> e.getValue().partnerId().equals(partnerId)).findFirst();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }
}
