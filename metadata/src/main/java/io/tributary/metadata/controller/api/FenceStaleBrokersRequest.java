package io.tributary.metadata.controller.api;

import java.util.List;

/**
 * The controller's periodic timer: fence every broker whose session lapsed. The response lists
 * the brokers fenced.
 */
public record FenceStaleBrokersRequest() implements ControllerCommand<List<Integer>> {
}
