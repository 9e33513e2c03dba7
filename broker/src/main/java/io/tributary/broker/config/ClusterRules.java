package io.tributary.broker.config;

import static io.tributary.broker.config.BrokerConfigSchema.CONTROLLER_LISTENER_NAMES;
import static io.tributary.broker.config.BrokerConfigSchema.CONTROLLER_QUORUM_BOOTSTRAP_SERVERS;
import static io.tributary.broker.config.BrokerConfigSchema.CONTROLLER_QUORUM_VOTERS;
import static io.tributary.broker.config.BrokerConfigSchema.LISTENERS;
import static io.tributary.broker.config.BrokerConfigSchema.NODE_ID;
import static io.tributary.broker.config.BrokerConfigSchema.PROCESS_ROLES;

import io.tributary.common.config.ConfigException;
import io.tributary.quorum.QuorumVoter;
import io.tributary.quorum.QuorumVoters;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules that tie roles, voters and listeners together, as KRaft states them. Each refusal names
 * the key to fix and says why, so a wrong quorum config stops the node at startup instead of
 * leaving it unable to reach (or be reached by) its peers.
 *
 * <p>Without {@code controller.quorum.voters} a node is a one-node cluster of its own: it plays both
 * roles (the Foundation's minimal config, unchanged). With voters:
 * <ul>
 *   <li>{@code process.roles} must be set, and {@code controller.listener.names} too;</li>
 *   <li>a controller must be a voter, and its CONTROLLER listener must be in {@code listeners}, bound at
 *       the port its voter entry names (peers reach it only there);</li>
 *   <li>a controller-only node lists only controller listeners;</li>
 *   <li>a broker-only node is not a voter and does not list the controller listener (only controllers
 *       serve it).</li>
 * </ul>
 */
final class ClusterRules {

    private ClusterRules() {
    }

    static void check(BrokerConfig c) {
        if (!c.controllerQuorumBootstrapServersSet().isEmpty()) {
            throw new ConfigException(CONTROLLER_QUORUM_BOOTSTRAP_SERVERS, String.join(",", c.controllerQuorumBootstrapServersSet()),
                    "dynamic controller quorums (KIP-853) are not supported; list every voter in controller.quorum.voters");
        }
        List<String> roles = c.processRoles();
        if (new HashSet<>(roles).size() != roles.size()) {
            throw new ConfigException(PROCESS_ROLES, String.join(",", roles), "a role is listed twice");
        }
        QuorumVoters voters = c.quorumVoters();
        if (voters == null) {
            if (!roles.isEmpty() && !(roles.contains("broker") && roles.contains("controller"))) {
                throw new ConfigException(PROCESS_ROLES, String.join(",", roles), "a node without controller.quorum.voters is a "
                        + "one-node cluster of its own and plays both roles; set controller.quorum.voters to make it part of a cluster");
            }
            return;
        }
        if (roles.isEmpty()) {
            throw new ConfigException(PROCESS_ROLES, "", "must be set (broker, controller, or broker,controller) when "
                    + "controller.quorum.voters is set");
        }
        List<String> controllerNames = c.controllerListenerNames().stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
        if (controllerNames.isEmpty()) {
            throw new ConfigException(CONTROLLER_LISTENER_NAMES, "", "must name the CONTROLLER listener when "
                    + "controller.quorum.voters is set: controllers serve on it and brokers connect to it");
        }
        int nodeId = c.nodeId();
        String listeners = String.join(",", c.listeners().stream().map(Listener::toString).toList());
        if (c.hasControllerRole()) {
            QuorumVoter self = voters.voter(nodeId).orElseThrow(() -> new ConfigException(NODE_ID, nodeId,
                    "this node has the controller role but is not among the voters in controller.quorum.voters=" + voters
                            + "; add it there (on every node) or drop the controller role"));
            Listener controller = c.controllerListener();
            if (controller == null) {
                throw new ConfigException(CONTROLLER_LISTENER_NAMES, String.join(",", controllerNames), "listener "
                        + controllerNames.get(0) + " is not in listeners=" + listeners + "; a controller serves the quorum on it");
            }
            if (controller.port() != self.port()) {
                throw new ConfigException(CONTROLLER_QUORUM_VOTERS, voters, "voter " + nodeId + " is at port " + self.port()
                        + " but this node's " + controller.name() + " listener binds port " + controller.port()
                        + "; peers reach a voter only at the port its entry names");
            }
            if (!c.hasBrokerRole()) {
                Set<String> allowed = new HashSet<>(controllerNames);
                for (Listener l : c.listeners()) {
                    if (!allowed.contains(l.name())) {
                        throw new ConfigException(LISTENERS, listeners, "a controller-only node serves only controller listeners ("
                                + String.join(",", controllerNames) + "); " + l.name() + " is not one");
                    }
                }
            }
        } else {
            if (voters.contains(nodeId)) {
                throw new ConfigException(NODE_ID, nodeId, "is a voter in controller.quorum.voters=" + voters
                        + ", so this node must have the controller role (process.roles=broker,controller)");
            }
            for (Listener l : c.listeners()) {
                if (controllerNames.contains(l.name())) {
                    throw new ConfigException(LISTENERS, listeners, "a broker-only node must not list the controller listener "
                            + l.name() + "; only controllers serve it (brokers reach them through controller.quorum.voters)");
                }
            }
        }
    }
}
