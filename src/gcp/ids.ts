import { Problems } from "../core/errors";

/**
 * Checks a Pub/Sub topic name built from a component name: Pub/Sub reserves names starting
 * with `goog`. (Length and characters already hold for RFC 1035 component names.)
 */
export function checkPubsubTopicName(topic: string, path: string, problems: Problems): void {
  if (topic.toLowerCase().startsWith("goog")) {
    problems.add("LZ_TOPIC_NAME", path, `Pub/Sub topic name "${topic}" starts with "goog", which Pub/Sub reserves`,
      "rename the component so it does not start with goog");
  }
}
