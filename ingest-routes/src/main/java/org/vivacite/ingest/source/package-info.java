/**
 * The sources: thin Camel routes that take payloads from MQTT, CoAP and drop folders, wrap each in
 * an {@link org.vivacite.ingest.Envelope} and hand it to {@link org.vivacite.ingest.Ingest}. They
 * acknowledge their sender only once {@code Ingest.accept} has returned. {@link
 * org.vivacite.ingest.source.IngestGate} is the one place that calls the port and counts the
 * outcome; {@link org.vivacite.ingest.source.Rejects} takes what never became an envelope.
 */
package org.vivacite.ingest.source;
