package com.bsp.onboarding.eventing.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of a service's inbox (EVENTING_INBOX_... in the environment). */
@ConfigMapping(prefix = "eventing.inbox")
public interface InboxConfig {

    /** How long applied event ids are kept to drop redeliveries: longer than any source redelivers (topic retention). */
    @WithDefault("30d")
    Duration retention();

    /** How often ids older than the retention are deleted. */
    @WithDefault("1h")
    Duration pruneInterval();
}
