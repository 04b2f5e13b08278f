package dev.lakehouse.streams.app;

import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.streams.iceberg.OwnerProperty;
import dev.lakehouse.streams.iceberg.TableOwnership;
import dev.lakehouse.streams.iceberg.TableOwnership.Action;
import dev.lakehouse.streams.iceberg.TableOwnership.OwnershipRefusedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's claim on the lake's tables ({@link TableOwnership}): checked before anything starts,
 * written once every other start-up check has passed. A successor ({@code streams.successor-of})
 * also takes over the old application's place in the source topics: its Streams group starts at the
 * offsets the old one committed, so that no source record is processed twice (the raw stage would
 * otherwise read every source topic from its beginning under the new id).
 */
final class LakeOwnership {
  private static final Logger LOG = LoggerFactory.getLogger(LakeOwnership.class);

  private record Claim(Table table, Optional<String> owner, Action action) {}

  private final String applicationId;
  private final Optional<String> successorOf;
  private final List<Claim> claims;

  private LakeOwnership(String applicationId, Optional<String> successorOf, List<Claim> claims) {
    this.applicationId = applicationId;
    this.successorOf = successorOf;
    this.claims = claims;
  }

  /**
   * @throws OwnershipRefusedException naming every table another application owns
   */
  static LakeOwnership check(
      Collection<Table> tables, StreamsSettings settings, boolean statefulTrustedStage) {
    List<Claim> claims = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (Table table : tables) {
      Optional<String> owner = OwnerProperty.read(table);
      try {
        claims.add(
            new Claim(
                table,
                owner,
                TableOwnership.decide(
                    table.name(), owner, settings.applicationId(), settings.successor())));
      } catch (OwnershipRefusedException e) {
        refusals.add(e.getMessage());
      }
    }
    if (!refusals.isEmpty()) {
      throw new OwnershipRefusedException(
          "another application owns this lake; nothing was started:\n  "
              + String.join("\n  ", refusals));
    }
    LakeOwnership ownership =
        new LakeOwnership(settings.applicationId(), settings.successor(), claims);
    if (ownership.takesOver() && statefulTrustedStage) {
      throw new OwnershipRefusedException(
          "application '"
              + settings.applicationId()
              + "' cannot take over from '"
              + settings.successor().get()
              + "' with the trusted stage on: that stage's state (order versions, dimensions) lives in the changelog topics of '"
              + settings.successor().get()
              + "' and does not move to a new application id, so it would emit versions again. Keep the "
              + "application id, or run the successor with trusted.enabled=false. See docs/exactly-once.md, \"Who owns the lake\".");
    }
    return ownership;
  }

  private boolean takesOver() {
    return claims.stream().anyMatch(c -> c.action() == Action.TAKE_OVER);
  }

  /**
   * Hands the old application's source offsets over (on a take-over), then writes this app's id
   * into the tables.
   */
  void apply(Admin admin) throws InterruptedException, ExecutionException {
    if (takesOver()) {
      handOverSourceOffsets(admin, successorOf.orElseThrow());
    }
    for (Claim claim : claims) {
      if (claim.action() != Action.KEEP) {
        OwnerProperty.write(claim.table(), claim.owner(), applicationId);
        LOG.info(
            "table {}: owner {} -> {} ({})",
            claim.table().name(),
            claim.owner().orElse("none"),
            applicationId,
            claim.action());
      }
    }
  }

  private void handOverSourceOffsets(Admin admin, String previous)
      throws InterruptedException, ExecutionException {
    Map<String, ConsumerGroupDescription> groups;
    try {
      groups = admin.describeConsumerGroups(List.of(previous)).all().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        groups = Map.of();
      } else {
        throw e;
      }
    }
    ConsumerGroupDescription old = groups.get(previous);
    if (old != null
        && !Set.of(GroupState.EMPTY, GroupState.DEAD).contains(old.groupState())
        && !old.members().isEmpty()) {
      throw new OwnershipRefusedException(
          "application '"
              + previous
              + "' is still running ("
              + old.members().size()
              + " member(s) in its group): stop it before '"
              + applicationId
              + "' takes over from it");
    }
    Map<TopicPartition, OffsetAndMetadata> mine =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    if (!mine.isEmpty()) {
      LOG.info(
          "application {} already has committed offsets in {} partitions; it keeps them",
          applicationId,
          mine.size());
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> theirs =
        new java.util.HashMap<>(
            admin.listConsumerGroupOffsets(previous).partitionsToOffsetAndMetadata().get());
    theirs.values().removeIf(java.util.Objects::isNull);
    if (!theirs.isEmpty()) {
      admin.alterConsumerGroupOffsets(applicationId, theirs).all().get();
    }
    LOG.info(
        "application {} takes over from {} at its committed offsets in {} partitions",
        applicationId,
        previous,
        theirs.size());
  }
}
