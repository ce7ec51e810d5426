package com.bsp.onboarding.contracts.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Data of a Meta change event: one {@code entry[].changes[]} element of a webhook, with the original
 * {@code value} untouched (unknown fields included).
 *
 * @param wabaId the customer's WABA: {@code value.waba_info.waba_id} for partner events (where
 *     {@code entry[].id} is the partner's business), else {@code entry[].id}
 * @param event {@code value.event} where the change has one (account_update), else null
 * @param rawId the id of the raw webhook this change came from
 * @param appId the Meta app whose callback received the webhook and whose secret verified it; null on the
 *     single-app route
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetaWebhookChange(
        String rawId,
        String object,
        String entryId,
        Long entryTime,
        String field,
        String event,
        String wabaId,
        String appId,
        JsonNode value) {
}
