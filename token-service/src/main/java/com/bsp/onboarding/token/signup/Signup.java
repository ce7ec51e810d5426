package com.bsp.onboarding.token.signup;

import java.time.Instant;
import java.util.UUID;

/** A signup row; the token stays sealed in the database and never enters this record. */
public record Signup(UUID id, String hubId, String status, String wabaId, String phoneNumberId, String businessId,
        String finishType, String problemType, Integer problemStatus, String problemDetail, Instant createdAt,
        Instant completedAt) {

    public static final String EXCHANGING = "exchanging";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}
