package com.bsp.onboarding.link.progress;

/**
 * A record link-service cannot read as the contract describes. It is skipped rather than retried:
 * retrying would read it the same way forever and hold up every later event of its partition.
 * The message names what is wrong, never the record's content.
 */
class MalformedEventException extends Exception {

    MalformedEventException(String reason) {
        super(reason, null, false, false);
    }
}
