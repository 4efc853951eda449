package org.multitunnel.ui.testbed;

/**
 * How Send and Inject obtain the composer's current message: built at the moment of sending, so an automatic
 * (NTP) identification is fresh for every exchange and the authenticator is computed over what is sent.
 */
@FunctionalInterface
public interface MessageSource {
    /** Builds the message; the exception's message is shown to the user as is. */
    ComposedMessage build() throws Exception;
}
