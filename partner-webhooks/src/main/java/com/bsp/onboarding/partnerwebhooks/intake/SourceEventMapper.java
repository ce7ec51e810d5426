package com.bsp.onboarding.partnerwebhooks.intake;

import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.CHANNEL_DEPROVISIONED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.CHANNEL_PROVISIONED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.CHANNEL_PROVISIONING_FAILED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.CHANNEL_STATUS_CHANGED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.CREDENTIALS_ROTATED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.ONBOARDING_COMPLETED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.ONBOARDING_STARTED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.SIGNUP_CANCELLED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.SIGNUP_ERRORED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.WABA_OFFBOARDED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.WABA_PROVISIONED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.WABA_PROVISIONING_FAILED;
import static com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes.WABA_STATUS_CHANGED;

import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.LinkIssued;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.contracts.provisioning.ChannelClaimDecided;
import com.bsp.onboarding.contracts.provisioning.ChannelCredentialsRotated;
import com.bsp.onboarding.contracts.provisioning.ChannelDeprovisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.ChannelStatusChanged;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.provisioning.WabaLifecycleChanged;
import com.bsp.onboarding.contracts.provisioning.WabaOffboarded;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioned;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.WabaStatusChanged;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.contracts.signup.SignupSessionEvent;
import com.bsp.onboarding.contracts.signup.SignupSessionStarted;
import com.bsp.onboarding.eventing.inbox.Envelope;
import com.bsp.onboarding.eventing.inbox.MalformedEventException;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.ChannelChange;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.Emit;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.Facts;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.Start;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the source topics' events into the partner catalogue: one vocabulary for both routes. Only what a partner
 * may see is copied into a webhook's data: never a sealed business token, never a channel's API key (an
 * {@code EncryptedSecret} of any kind), never the IO signature.
 */
@ApplicationScoped
public class SourceEventMapper {

    public static final String ROUTE_IO = "integrated_onboarding";
    public static final String ROUTE_ES = "embedded_signup";

    /** Where a hub fetches a channel's current API key, with a key that carries the credentials permission. */
    static final String CHANNEL_KEY_SERVICE = "waba-provisioner";
    static final String CHANNEL_KEY_PATH = "/v1/channels/%s/api-key";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The event's meaning, or empty for an event partners are not told about. */
    Optional<IntakeEvent> map(Envelope envelope) throws MalformedEventException {
        return Optional.ofNullable(switch (envelope.type()) {
            case LinkEventTypes.LINK_ISSUED -> linkIssued(envelope);
            case LinkEventTypes.ONBOARDING_COMPLETED -> onboardingCompleted(envelope);
            case SignupEventTypes.SIGNUP_SESSION_STARTED -> sessionStarted(envelope);
            case SignupEventTypes.SESSION_EVENT -> sessionEvent(envelope);
            case SignupEventTypes.SIGNUP_COMPLETED -> signupCompleted(envelope);
            case ProvisioningEventTypes.WABA_PROVISIONED -> wabaProvisioned(envelope);
            case ProvisioningEventTypes.WABA_PROVISIONING_FAILED -> wabaProvisioningFailed(envelope);
            case ProvisioningEventTypes.WABA_STATUS_CHANGED -> wabaStatusChanged(envelope);
            case ProvisioningEventTypes.WABA_LIFECYCLE_CHANGED -> wabaLifecycleChanged(envelope);
            case ProvisioningEventTypes.WABA_OFFBOARDED -> wabaOffboarded(envelope);
            case ProvisioningEventTypes.CHANNEL_PROVISIONED -> channelProvisioned(envelope);
            case ProvisioningEventTypes.CHANNEL_PROVISIONING_FAILED -> channelProvisioningFailed(envelope);
            case ProvisioningEventTypes.CHANNEL_STATUS_CHANGED -> channelStatusChanged(envelope);
            case ProvisioningEventTypes.CHANNEL_DEPROVISIONED -> channelDeprovisioned(envelope);
            case ProvisioningEventTypes.CHANNEL_CREDENTIALS_ROTATED -> credentialsRotated(envelope);
            case ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED -> claimDecided(envelope);
            // CREDENTIAL_READ (audit), DEAD_LETTERED (ops) and types added later are not the partners' business.
            default -> null;
        });
    }

    private IntakeEvent linkIssued(Envelope e) throws MalformedEventException {
        LinkIssued link = e.dataAs(LinkIssued.class);
        require(e, link.linkId(), link.hubId());
        ObjectNode data = NODES.objectNode();
        data.put("link_kind", link.kind() == null ? null : link.kind().wireName());
        putTime(data, "expires_at", link.expiresAt());
        List<Subject> binds = new ArrayList<>(List.of(new Subject(Subject.LINK, link.linkId())));
        addIf(binds, Subject.CLIENT, link.clientId());
        return new IntakeEvent(e.id(), e.type(), e.time(), link.hubId(),
                new Start(link.linkId(), ROUTE_IO, link.partnerPayload()), List.of(), binds,
                new Facts(null, null, null, link.clientId()), OnboardingStatus.STARTED, List.of(),
                List.of(new Emit(ONBOARDING_STARTED, data)));
    }

    private IntakeEvent onboardingCompleted(Envelope e) throws MalformedEventException {
        OnboardingCompleted done = e.dataAs(OnboardingCompleted.class);
        require(e, done.linkId(), done.hubId());
        List<String> channels = done.channels() == null ? List.of() : done.channels();
        List<String> revoked = done.revokedChannels() == null ? List.of() : done.revokedChannels();
        List<Subject> binds = new ArrayList<>(List.of(new Subject(Subject.LINK, done.linkId())));
        addIf(binds, Subject.CLIENT, done.clientId());
        List<ChannelChange> changes = new ArrayList<>();
        for (String channel : channels) {
            addIf(binds, Subject.CHANNEL, channel);
            changes.add(new ChannelChange(channel, ChannelStatus.GRANTED));
        }
        for (String channel : revoked) {
            changes.add(new ChannelChange(channel, ChannelStatus.REVOKED));
        }
        ObjectNode data = NODES.objectNode();
        data.set("channels", strings(channels));
        data.set("revoked_channels", strings(revoked));
        return new IntakeEvent(e.id(), e.type(), e.time(), done.hubId(),
                new Start(done.linkId(), ROUTE_IO, done.partnerPayload()), List.of(), binds,
                new Facts(null, null, null, done.clientId()), OnboardingStatus.COMPLETED, changes,
                List.of(started(), new Emit(ONBOARDING_COMPLETED, data)));
    }

    private IntakeEvent sessionStarted(Envelope e) throws MalformedEventException {
        SignupSessionStarted session = e.dataAs(SignupSessionStarted.class);
        require(e, session.sessionId(), session.hubId());
        ObjectNode data = NODES.objectNode();
        putTime(data, "expires_at", session.expiresAt());
        return new IntakeEvent(e.id(), e.type(), e.time(), session.hubId(),
                new Start(session.sessionId(), ROUTE_ES, session.customerReference()), List.of(), List.of(),
                Facts.NONE, OnboardingStatus.STARTED, List.of(), List.of(new Emit(ONBOARDING_STARTED, data)));
    }

    private IntakeEvent sessionEvent(Envelope e) throws MalformedEventException {
        SignupSessionEvent message = e.dataAs(SignupSessionEvent.class);
        String event = message.event() == null ? "" : message.event().toUpperCase(Locale.ROOT);
        // A finish is only the browser's claim: signup-completed tells it. Other messages tell the partner nothing.
        boolean cancel = event.equals("CANCEL");
        if (!cancel && !event.equals("ERROR")) {
            return null;
        }
        require(e, message.sessionId(), message.hubId());
        ObjectNode data = NODES.objectNode();
        data.put("current_step", message.currentStep());
        if (!cancel) {
            data.put("error_code", message.errorCode());
            data.put("error_message", message.errorMessage());
            data.put("meta_session_id", message.metaSessionId());
        }
        return new IntakeEvent(e.id(), e.type(), e.time(), message.hubId(),
                new Start(message.sessionId(), ROUTE_ES, message.customerReference()), List.of(), List.of(),
                Facts.NONE, cancel ? OnboardingStatus.CANCELLED : OnboardingStatus.ERRORED, List.of(),
                List.of(started(), new Emit(cancel ? SIGNUP_CANCELLED : SIGNUP_ERRORED, data)));
    }

    private IntakeEvent signupCompleted(Envelope e) throws MalformedEventException {
        SignupCompleted signup = e.dataAs(SignupCompleted.class);
        require(e, signup.signupId(), signup.hubId());
        if (signup.wabaId() == null) {
            throw new MalformedEventException(e.type() + " names no WABA");
        }
        // Hosted: the partner knows the session's id. Partner-hosted (POST /v1/signups): the signup's, started here.
        String onboardingId = signup.signupSessionId() != null ? signup.signupSessionId() : signup.signupId();
        ObjectNode data = NODES.objectNode();
        data.put("business_id", signup.businessId());
        data.put("coexistence", signup.coexistence());
        data.put("finish_type", signup.finishType());
        data.put("signup_id", signup.signupId());
        return new IntakeEvent(e.id(), e.type(), e.time(), signup.hubId(),
                new Start(onboardingId, ROUTE_ES, signup.customerReference()), List.of(),
                List.of(new Subject(Subject.WABA, signup.wabaId()), new Subject(Subject.SIGNUP, signup.signupId())),
                new Facts(signup.wabaId(), signup.phoneNumberId(), signup.businessId(), null),
                OnboardingStatus.COMPLETED, List.of(), List.of(started(), new Emit(ONBOARDING_COMPLETED, data)));
    }

    private IntakeEvent wabaProvisioned(Envelope e) throws MalformedEventException {
        WabaProvisioned waba = e.dataAs(WabaProvisioned.class);
        requireSubject(e, waba.wabaId());
        List<Subject> lookups = new ArrayList<>(List.of(new Subject(Subject.WABA, waba.wabaId())));
        addIf(lookups, Subject.SIGNUP, waba.signupId());
        // A WABA handed to 360Dialog (account sharing) or created by IO belongs to the onboarding of that client.
        addIf(lookups, Subject.CLIENT, waba.dialog360ClientId());
        List<Subject> binds = new ArrayList<>(List.of(new Subject(Subject.WABA, waba.wabaId())));
        addIf(binds, Subject.CLIENT, waba.dialog360ClientId());
        ObjectNode data = NODES.objectNode();
        data.put("business_id", waba.businessId());
        data.put("credit_sharing", waba.creditSharing());
        data.put("phone_registration", waba.phoneRegistration());
        if (waba.coexistence() != null) {
            data.put("coexistence", waba.coexistence());
        }
        data.put("message_template_namespace", waba.messageTemplateNamespace());
        data.put("dialog360_client_id", waba.dialog360ClientId());
        return new IntakeEvent(e.id(), e.type(), e.time(), waba.hubId(), null, lookups, binds,
                new Facts(waba.wabaId(), waba.phoneNumberId(), waba.businessId(), null), OnboardingStatus.PROVISIONED,
                List.of(), List.of(new Emit(WABA_PROVISIONED, data)));
    }

    private IntakeEvent wabaProvisioningFailed(Envelope e) throws MalformedEventException {
        WabaProvisioningFailed failed = e.dataAs(WabaProvisioningFailed.class);
        requireSubject(e, failed.wabaId());
        ObjectNode data = NODES.objectNode();
        data.set("error", error(failed.step(), failed.attempts(), failed.error()));
        return onWaba(e, failed.wabaId(), failed.hubId(), OnboardingStatus.PROVISIONING_FAILED,
                new Emit(WABA_PROVISIONING_FAILED, data));
    }

    private IntakeEvent wabaStatusChanged(Envelope e) throws MalformedEventException {
        WabaStatusChanged changed = e.dataAs(WabaStatusChanged.class);
        requireSubject(e, changed.wabaId());
        ObjectNode data = NODES.objectNode();
        data.put("change", changeKind(changed.event()));
        data.put("event", changed.event());
        data.set("details", changed.details());
        // Meta's status webhooks name no hub: the WABA's onboarding tells whose it is.
        return onWaba(e, changed.wabaId(), null, null, new Emit(WABA_STATUS_CHANGED, data));
    }

    private IntakeEvent wabaLifecycleChanged(Envelope e) throws MalformedEventException {
        WabaLifecycleChanged changed = e.dataAs(WabaLifecycleChanged.class);
        requireSubject(e, changed.wabaId());
        ObjectNode data = NODES.objectNode();
        data.put("change", changeKind(changed.event()));
        data.put("event", changed.event());
        data.put("status", changed.status());
        data.put("previous_status", changed.previousStatus());
        data.put("token_state", changed.tokenState());
        data.set("details", changed.details());
        return onWaba(e, changed.wabaId(), changed.hubId(), null, new Emit(WABA_STATUS_CHANGED, data));
    }

    private IntakeEvent wabaOffboarded(Envelope e) throws MalformedEventException {
        WabaOffboarded off = e.dataAs(WabaOffboarded.class);
        requireSubject(e, off.wabaId());
        ObjectNode data = NODES.objectNode();
        data.put("reason", off.reason());
        data.put("credit_sharing", off.creditSharing());
        return onWaba(e, off.wabaId(), off.hubId(), OnboardingStatus.OFFBOARDED, new Emit(WABA_OFFBOARDED, data));
    }

    private IntakeEvent channelProvisioned(Envelope e) throws MalformedEventException {
        ChannelProvisioned channel = e.dataAs(ChannelProvisioned.class);
        requireSubject(e, channel.channelId());
        // Not the sealed api_key nor our own webhook URL: the partner fetches the key (fetch) with its credentials key.
        ObjectNode data = NODES.objectNode();
        data.set("credential_fetch", fetch(channel.channelId()));
        return onChannel(e, channel.channelId(), channel.clientId(), channel.hubId(), ChannelStatus.PROVISIONED,
                OnboardingStatus.PROVISIONED, new Emit(CHANNEL_PROVISIONED, data));
    }

    private IntakeEvent channelProvisioningFailed(Envelope e) throws MalformedEventException {
        ChannelProvisioningFailed failed = e.dataAs(ChannelProvisioningFailed.class);
        requireSubject(e, failed.channelId());
        ObjectNode data = NODES.objectNode();
        data.set("error", error(failed.step(), failed.attempts(), failed.error()));
        return onChannel(e, failed.channelId(), failed.clientId(), failed.hubId(), ChannelStatus.PROVISIONING_FAILED,
                OnboardingStatus.PROVISIONING_FAILED, new Emit(CHANNEL_PROVISIONING_FAILED, data));
    }

    private IntakeEvent channelStatusChanged(Envelope e) throws MalformedEventException {
        ChannelStatusChanged changed = e.dataAs(ChannelStatusChanged.class);
        if (changed.channelId() == null && changed.clientId() == null) {
            throw new MalformedEventException(e.type() + " names no channel or client");
        }
        ObjectNode data = NODES.objectNode();
        data.put("change", changeKind(changed.event()));
        data.put("event", changed.event());
        data.set("details", changed.details());
        return onChannel(e, changed.channelId(), changed.clientId(), changed.hubId(), null, null,
                new Emit(CHANNEL_STATUS_CHANGED, data));
    }

    private IntakeEvent channelDeprovisioned(Envelope e) throws MalformedEventException {
        ChannelDeprovisioned gone = e.dataAs(ChannelDeprovisioned.class);
        requireSubject(e, gone.channelId());
        ObjectNode data = NODES.objectNode();
        data.put("webhook", gone.webhook());
        return onChannel(e, gone.channelId(), gone.clientId(), gone.hubId(), ChannelStatus.DEPROVISIONED, null,
                new Emit(CHANNEL_DEPROVISIONED, data));
    }

    private IntakeEvent credentialsRotated(Envelope e) throws MalformedEventException {
        ChannelCredentialsRotated rotated = e.dataAs(ChannelCredentialsRotated.class);
        requireSubject(e, rotated.channelId());
        ObjectNode data = NODES.objectNode();
        data.put("credential", "channel_api_key");
        data.set("credential_fetch", fetch(rotated.channelId()));
        return onChannel(e, rotated.channelId(), rotated.clientId(), rotated.hubId(), null, null,
                new Emit(CREDENTIALS_ROTATED, data));
    }

    /** Ties a confirmed channel to its link's onboarding; tells the partner nothing (channel.provisioned will). */
    private IntakeEvent claimDecided(Envelope e) throws MalformedEventException {
        ChannelClaimDecided decision = e.dataAs(ChannelClaimDecided.class);
        if (decision.linkId() == null || decision.channelId() == null) {
            throw new MalformedEventException(e.type() + " names no link or channel");
        }
        boolean confirmed = ChannelClaimDecided.CONFIRMED.equals(decision.outcome());
        boolean grant = ChannelClaimDecided.GRANT.equals(decision.claim());
        List<Subject> binds = new ArrayList<>();
        if (confirmed && grant) {
            binds.add(new Subject(Subject.CHANNEL, decision.channelId()));
        }
        ChannelStatus status = !confirmed ? ChannelStatus.REFUSED : grant ? ChannelStatus.GRANTED : ChannelStatus.REVOKED;
        return new IntakeEvent(e.id(), e.type(), e.time(), decision.hubId(), null,
                List.of(new Subject(Subject.LINK, decision.linkId())), binds, Facts.NONE, null,
                List.of(new ChannelChange(decision.channelId(), status)), List.of());
    }

    private static IntakeEvent onWaba(Envelope e, String wabaId, String hubId, OnboardingStatus status, Emit emit) {
        return new IntakeEvent(e.id(), e.type(), e.time(), hubId, null, List.of(new Subject(Subject.WABA, wabaId)),
                List.of(), new Facts(wabaId, null, null, null), status, List.of(), List.of(emit));
    }

    private static IntakeEvent onChannel(Envelope e, String channelId, String clientId, String hubId,
            ChannelStatus channelStatus, OnboardingStatus status, Emit emit) {
        List<Subject> lookups = new ArrayList<>();
        addIf(lookups, Subject.CHANNEL, channelId);
        addIf(lookups, Subject.CLIENT, clientId);
        List<Subject> binds = new ArrayList<>();
        addIf(binds, Subject.CHANNEL, channelId);
        if (channelId != null) {
            emit.data().put("channel_id", channelId);
        }
        List<ChannelChange> channels = channelId != null && channelStatus != null
                ? List.of(new ChannelChange(channelId, channelStatus)) : List.of();
        return new IntakeEvent(e.id(), e.type(), e.time(), hubId, null, lookups, binds,
                new Facts(null, null, null, clientId), status, channels, List.of(emit));
    }

    /** Every event that opens an onboarding also tells it started: one message per onboarding, whichever came first. */
    private static Emit started() {
        return new Emit(ONBOARDING_STARTED, NODES.objectNode());
    }

    /**
     * The kind of a status change, for partners that route on it without knowing every provider event name:
     * quality, messaging_limit, violation, restriction, ban, token (the partner's access ended), lifecycle, other.
     */
    static String changeKind(String event) {
        String name = event == null ? "" : event.toUpperCase(Locale.ROOT);
        if (name.contains("QUALITY")) {
            return "quality";
        }
        if (name.contains("LIMIT")) {
            return "messaging_limit";
        }
        if (name.contains("VIOLATION")) {
            return "violation";
        }
        if (name.contains("RESTRICTION")) {
            return "restriction";
        }
        if (name.equals("DISABLED_UPDATE") || name.contains("BAN")) {
            return "ban";
        }
        if (name.equals("PARTNER_APP_UNINSTALLED")) {
            return "token";
        }
        if (name.startsWith("PARTNER_") || name.startsWith("ACCOUNT_") || name.equals("OPS_PROVISION")) {
            return "lifecycle";
        }
        return "other";
    }

    private static ObjectNode error(String step, int attempts, ProvisioningError error) {
        ObjectNode node = NODES.objectNode();
        node.put("step", step);
        node.put("attempts", attempts);
        if (error != null) {
            node.put("http_status", error.httpStatus());
            node.put("code", error.code());
            node.put("subcode", error.subcode());
            node.put("type", error.type());
            node.put("message", error.message());
            node.put("trace_id", error.traceId());
        }
        return node;
    }

    private static ObjectNode fetch(String channelId) {
        return NODES.objectNode().put("service", CHANNEL_KEY_SERVICE).put("method", "GET")
                .put("path", CHANNEL_KEY_PATH.formatted(channelId));
    }

    private static JsonNode strings(List<String> values) {
        var array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void putTime(ObjectNode data, String field, java.time.Instant time) {
        data.put(field, time == null ? null : time.toString());
    }

    private static void addIf(List<Subject> subjects, String kind, String id) {
        if (id != null && !id.isBlank()) {
            subjects.add(new Subject(kind, id));
        }
    }

    private static void require(Envelope e, String onboardingId, String hubId) throws MalformedEventException {
        if (onboardingId == null || onboardingId.isBlank() || hubId == null || hubId.isBlank()) {
            throw new MalformedEventException(e.type() + " names no onboarding or hub");
        }
    }

    private static void requireSubject(Envelope e, String id) throws MalformedEventException {
        if (id == null || id.isBlank()) {
            throw new MalformedEventException(e.type() + " names no WABA or channel");
        }
    }
}
