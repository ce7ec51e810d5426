package com.bsp.onboarding.eventing.inbox;

/**
 * A record a consumer cannot read as the contract describes. It is skipped rather than retried:
 * retrying would read it the same way forever and hold up every later event of its partition.
 * The message names what is wrong, never the record's content.
 */
public class MalformedEventException extends Exception {

    public MalformedEventException(String reason) {
        super(reason, null, false, false);
    }
}
