package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What Meta's Graph API or 360Dialog's Partner API answered when a step failed, as they sent it
 * (never a token: the request is not part of it).
 *
 * @param code Graph's {@code error.code} (null for 360Dialog or a transport failure)
 * @param traceId Graph's {@code fbtrace_id}, which Meta support asks for
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProvisioningError(
        Integer httpStatus,
        Integer code,
        Integer subcode,
        String type,
        String message,
        String traceId) {
}
