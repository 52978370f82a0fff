package dev.customertokens.bootstrap.operations;

import dev.customertokens.domain.AuditEvent;
import dev.customertokens.application.port.out.AuditEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The audit trail on the logger {@code customer-tokens.audit} (CONTRACT 4.6): one line per event, with
 * the event's fields as key-values (in the JSON log, fields of their own) and the request id in the MDC
 * like every other line of the request. An event holds no token, so neither does its line.
 */
public final class LoggingAuditEvents implements AuditEvents {

    public static final String LOGGER = "customer-tokens.audit";
    private static final String REQUEST_ID_KEY = "request_id";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void record(AuditEvent event) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String requestId = event.requestId() == null ? null : event.requestId().value();
        String previous = MDC.get(REQUEST_ID_KEY);
        if (requestId != null) {
            MDC.put(REQUEST_ID_KEY, requestId);
        }
        try {
            String session = event.session() == null ? "-" : Long.toString(event.session().value());
            String customer = event.customer() == null ? "-" : event.customer().value();
            String application = event.application() == null ? "-" : Long.toString(event.application().value());
            String at = event.at().toString();
            LOG.atInfo()
                    .setMessage("{} session={} customer={} application={} reason={} count={} at={}")
                    .addArgument(event.type().wireName())
                    .addArgument(session)
                    .addArgument(customer)
                    .addArgument(application)
                    .addArgument(event.reason() == null ? "-" : event.reason())
                    .addArgument(event.count())
                    .addArgument(at)
                    .addKeyValue("event", event.type().wireName())
                    .addKeyValue("session_id", session)
                    .addKeyValue("customer_id", customer)
                    .addKeyValue("application_id", application)
                    .addKeyValue("reason", event.reason() == null ? "" : event.reason())
                    .addKeyValue("count", event.count())
                    .addKeyValue("at", at)
                    .log();
        } catch (RuntimeException e) {
            // an audit sink never turns a refresh into an error
        } finally {
            if (requestId != null) {
                if (previous == null) {
                    MDC.remove(REQUEST_ID_KEY);
                } else {
                    MDC.put(REQUEST_ID_KEY, previous);
                }
            }
        }
    }
}
