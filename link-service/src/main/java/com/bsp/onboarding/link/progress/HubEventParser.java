package com.bsp.onboarding.link.progress;

import com.bsp.onboarding.eventing.inbox.Envelope;
import com.bsp.onboarding.eventing.inbox.MalformedEventException;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.link.LinkServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the channel webhooks of {@code 360dialog-webhooks.events.v1} from the fields webhook-ingest
 * typed (never the raw {@code payload}); every other event is skipped.
 */
@ApplicationScoped
class HubEventParser {

    private final Set<String> channelEvents;

    HubEventParser(LinkServiceConfig config) {
        this.channelEvents = Set.copyOf(config.progress().hubEvents());
    }

    Optional<ProgressEvent> parse(Envelope envelope) throws MalformedEventException {
        if (!envelope.type().startsWith(WebhookEventTypes.DIALOG360_PREFIX)) {
            return Optional.empty();
        }
        Dialog360WebhookEvent data = envelope.dataAs(Dialog360WebhookEvent.class);
        // data.event is 360Dialog's own name; the type carries a sanitised copy of it.
        String event = data.event() != null ? data.event() : envelope.type().substring(WebhookEventTypes.DIALOG360_PREFIX.length());
        if (!channelEvents.contains(event)) {
            return Optional.empty();
        }
        if (data.partnerId() == null || data.partnerId().isBlank() || data.channelId() == null || data.channelId().isBlank()) {
            throw new MalformedEventException(event + " names no partner or channel");
        }
        return Optional.of(new HubEvent(envelope.id(), data.partnerId(), data.channelId(), data.clientId(), event,
                blankToNull(data.channelStatus()), envelope.time()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
