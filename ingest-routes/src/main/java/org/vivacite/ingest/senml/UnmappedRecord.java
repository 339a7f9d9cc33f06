package org.vivacite.ingest.senml;

/**
 * A valid record no mapping knows: for the caller to dead-letter.
 *
 * @param record the resolved record
 * @param reason why it was not mapped
 */
public record UnmappedRecord(SenmlRecord record, String reason) {}
