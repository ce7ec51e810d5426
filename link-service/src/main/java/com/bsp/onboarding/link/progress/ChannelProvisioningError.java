package com.bsp.onboarding.link.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a channel's provisioning failed: the step and what 360Dialog's Partner API answered. */
@Schema(name = "ChannelProvisioningError")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelProvisioningError(
        @Schema(description = "The step that failed, e.g. create_api_key or set_webhook") String step,
        @Schema(description = "The API's HTTP status") Integer httpStatus,
        @Schema(description = "The API's error code, when it gave one") Integer code,
        @Schema(description = "The API's error message (at most 500 characters)") String message) {
}
