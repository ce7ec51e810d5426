package com.bsp.onboarding.testing.emulator;

/**
 * A fault to inject: the next {@code times} calls of {@code operation} ("*" = any; {@code times} -1 =
 * until cleared), or a share ({@code rate}) of them, answer {@code httpStatus} with a Graph error of
 * {@code code}/{@code subcode}, or are dropped without an answer.
 */
public record FaultSpec(String operation, long times, double rate, int httpStatus, Integer code, Integer subcode, boolean drop) {

    /** The admin API's defaults for the fields a request left out. */
    public static FaultSpec of(String operation, Long times, Double rate, Integer httpStatus, Integer code, Integer subcode,
            Boolean drop) {
        return new FaultSpec(operation == null ? "*" : operation, times == null ? -1 : times, rate == null ? 1.0 : rate,
                httpStatus == null ? 500 : httpStatus, code, subcode, drop != null && drop);
    }
}
