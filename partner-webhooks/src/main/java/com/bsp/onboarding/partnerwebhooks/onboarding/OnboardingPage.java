package com.bsp.onboarding.partnerwebhooks.onboarding;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of onboardings, newest first. */
@Schema(description = "Onboardings, newest first")
public record OnboardingPage(
        List<OnboardingView> data,
        @Schema(description = "Pass as 'after' for the next page; null on the last one", nullable = true) String nextAfter) {
}
