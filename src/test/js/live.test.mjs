// Unit tests of the live connection's use of the SignalR client, against a stand-in for the client.
// Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveFeed } from '../../main/webapp/js/live.js';

const STATES = { Disconnected: 'Disconnected', Connecting: 'Connecting', Connected: 'Connected', Disconnecting: 'Disconnecting', Reconnecting: 'Reconnecting' };
const LOG_LEVELS = { Trace: 0, Debug: 1, Information: 2, Warning: 3, Error: 4, Critical: 5, None: 6 };

/** Records what the feed does with the hub connection; the test plays the server and the network. */
class FakeHubConnection {
  state = STATES.Disconnected;
  handlers = {};
  reconnecting = [];
  reconnected = [];
  closed = [];
  invocations = [];
  /** One entry per start() call: an error to fail with, or undefined to succeed. */
  startOutcomes = [];
  joinAnswer = (listId, since) => ({ listId, version: since ?? 0, resync: false });

  on(target, handler) {
    this.handlers[target] = handler;
  }

  onreconnecting(callback) {
    this.reconnecting.push(callback);
  }

  onreconnected(callback) {
    this.reconnected.push(callback);
  }

  onclose(callback) {
    this.closed.push(callback);
  }

  async start() {
    const failure = this.startOutcomes.shift();
    if (failure) {
      throw failure;
    }
    this.state = STATES.Connected;
  }

  async invoke(method, ...args) {
    this.invocations.push([method, ...args]);
    return method === 'JoinList' ? this.joinAnswer(...args) : null;
  }

  async stop() {
    this.stops = (this.stops ?? 0) + 1;
    this.state = STATES.Disconnected;
    this.closed.forEach((callback) => callback(undefined));
  }

  push(target, argument) {
    this.handlers[target](argument);
  }

  drop() {
    this.state = STATES.Reconnecting;
    this.reconnecting.forEach((callback) => callback(new Error('WebSocket closed with status code: 1006')));
  }

  reconnect() {
    this.state = STATES.Connected;
    this.reconnected.forEach((callback) => callback('second-connection'));
  }
}

function setUp({ resumeVersion = () => 10, retryPolicy, onHeard } = {}) {
  const built = {};
  class HubConnectionBuilder {
    withUrl(url) {
      built.url = url;
      return this;
    }

    withAutomaticReconnect(policy) {
      built.policy = policy;
      return this;
    }

    configureLogging(logger) {
      built.logger = logger;
      return this;
    }

    build() {
      built.connection = new FakeHubConnection();
      return built.connection;
    }
  }
  const seen = { events: [], resyncs: [], failures: [], statuses: [], memberEvents: [], revoked: [], refused: [], signedOut: 0 };
  const feed = new LiveFeed({
    signalR: { HubConnectionBuilder, HubConnectionState: STATES, LogLevel: LOG_LEVELS },
    url: 'https://tasks.example.com/app/api',
    resumeVersion,
    onEvent: (event) => seen.events.push(event),
    onResync: (listId) => seen.resyncs.push(listId),
    onFailed: (reason) => seen.failures.push(reason),
    onStatus: (status) => seen.statuses.push(status),
    onMemberEvent: (event) => seen.memberEvents.push(event),
    onRevoked: (listId) => seen.revoked.push(listId),
    onRefused: (listId, reason) => seen.refused.push([listId, reason]),
    onSignedOut: () => seen.signedOut++,
    ...(retryPolicy ? { retryPolicy } : {}),
    ...(onHeard ? { onHeard } : {}),
  });
  return { feed, built, connection: built.connection, seen };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Waits until `condition()` holds (checked every few ms), failing after `timeoutMs`: no fixed wait for retries. */
async function until(condition, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await settle();
  }
}
const lastState = (seen) => seen.statuses.at(-1)?.state;

test('shouldConnectThroughTheApiBaseAndJoinFromTheResumeVersion', async () => {
  const { feed, built, connection, seen } = setUp({ resumeVersion: () => 12 });

  feed.follow(7);
  await settle();

  assert.equal(built.url, 'https://tasks.example.com/app/api');
  assert.equal(typeof built.policy.nextRetryDelayInMilliseconds, 'function');
  assert.deepEqual(connection.invocations, [['JoinList', 7, 12]]);
  assert.deepEqual(seen.statuses.map((s) => s.state), ['connecting', 'live']);
});

test('shouldRetryTheFirstStartWithThePolicyUntilItSucceeds', async () => {
  const contexts = [];
  const retryPolicy = { nextRetryDelayInMilliseconds: (context) => contexts.push(context) && 1 };
  const { feed, connection, seen } = setUp({ retryPolicy });
  connection.startOutcomes.push(new Error('Failed to fetch'), new Error('Failed to fetch'));

  feed.follow(7);
  await until(() => lastState(seen) === 'live', 'the third start to succeed and the list to be joined');

  assert.deepEqual(contexts.map((c) => c.previousRetryCount), [0, 1]);
  assert.equal(contexts[0].retryReason.message, 'Failed to fetch');
  assert.deepEqual(connection.invocations, [['JoinList', 7, 10]]);
  assert.ok(seen.statuses.some((s) => s.state === 'connecting' && s.retryInMs === 1));
  assert.equal(lastState(seen), 'live');
});

test('shouldPassOnOnlyTheFollowedListsEvents', async () => {
  const { feed, connection, seen } = setUp();
  feed.follow(7);
  await settle();

  connection.push('taskUpdate', { version: 11, action: 'added', listId: 7, taskId: 1 });
  connection.push('taskUpdate', { version: 12, action: 'added', listId: 8, taskId: 2 });

  assert.deepEqual(seen.events.map((e) => e.taskId), [1]);
});

test('shouldJoinAgainFromTheNewestCompleteVersionAfterAReconnect', async () => {
  let resume = 10;
  const { feed, connection, seen } = setUp({ resumeVersion: () => resume });
  feed.follow(7);
  await settle();

  connection.drop();
  assert.equal(lastState(seen), 'reconnecting');
  resume = 15;
  connection.reconnect();
  await settle();

  assert.deepEqual(connection.invocations, [['JoinList', 7, 10], ['JoinList', 7, 15]]);
  assert.equal(lastState(seen), 'live');
});

test('shouldLeaveTheOldListAndJoinTheNewOneWhenSwitching', async () => {
  const { feed, connection, seen } = setUp();
  feed.follow(7);
  await settle();

  feed.follow(null);
  feed.follow(8);
  await settle();

  assert.deepEqual(connection.invocations, [['JoinList', 7, 10], ['LeaveList', 7], ['JoinList', 8, 10]]);
  assert.equal(lastState(seen), 'live');
});

test('shouldJoinAListChosenWhileReconnectingOnceReconnected', async () => {
  const { feed, connection } = setUp();
  feed.follow(7);
  await settle();
  connection.drop();

  feed.follow(8);
  connection.reconnect();
  await settle();

  assert.deepEqual(connection.invocations, [['JoinList', 7, 10], ['JoinList', 8, 10]]);
});

test('shouldAskForOneResyncAndThenJoinFromTheReloadedVersion', async () => {
  let resume = 3;
  const { feed, connection, seen } = setUp({ resumeVersion: () => resume });
  connection.joinAnswer = (listId) => {
    connection.push('resync', { action: 'resync', listId, minValidVersion: 40 });
    return { listId, version: 0, resync: true };
  };
  feed.follow(7);
  await settle();

  assert.deepEqual(seen.resyncs, [7]);
  assert.equal(lastState(seen), 'reconnecting');

  connection.joinAnswer = (listId, since) => ({ listId, version: since, resync: false });
  resume = 42;
  feed.follow(7);
  await settle();

  assert.deepEqual(connection.invocations.at(-1), ['JoinList', 7, 42]);
  assert.equal(lastState(seen), 'live');
});

test('shouldReportAJoinTheServerRefusesAndStayConnected', async () => {
  const { feed, connection, seen } = setUp();
  connection.invoke = async () => {
    throw new Error('List 7 does not exist');
  };

  feed.follow(7);
  await settle();

  assert.deepEqual(seen.refused, [[7, 'List 7 does not exist']]);
  assert.deepEqual(seen.failures, []);
  assert.equal(lastState(seen), 'live');
});

test('shouldNotRejoinAListTheServerRefusedAfterAReconnect', async () => {
  const { feed, connection, seen } = setUp();
  feed.follow(7);
  await settle();
  connection.drop();
  connection.joinAnswer = () => {
    throw new Error('List 7 does not exist');
  };

  connection.reconnect();
  await settle();
  connection.drop();
  connection.reconnect();
  await settle();

  assert.deepEqual(seen.refused, [[7, 'List 7 does not exist']]);
  assert.deepEqual(connection.invocations.filter(([method]) => method === 'JoinList'), [['JoinList', 7, 10], ['JoinList', 7, 10]]);
  assert.equal(lastState(seen), 'live');
});

test('shouldConnectWithoutAListForTheUsersOwnNews', async () => {
  const { feed, connection, seen } = setUp();

  feed.connect();
  await settle();
  connection.push('memberUpdate', { version: 20, action: 'added', listId: 9, user: 'bob', role: 'reader' });

  assert.deepEqual(connection.invocations, []);
  assert.equal(lastState(seen), 'live');
  assert.deepEqual(seen.memberEvents.map((e) => [e.listId, e.action, e.user]), [[9, 'added', 'bob']]);
});

test('shouldStopFollowingARevokedListWithoutLeavingIt', async () => {
  const { feed, connection, seen } = setUp();
  feed.follow(7);
  await settle();

  connection.push('revoked', { action: 'revoked', listId: 7, version: 30 });
  connection.push('taskUpdate', { version: 31, action: 'added', listId: 7, taskId: 5 });
  feed.follow(null);
  connection.drop();
  connection.reconnect();
  await settle();

  assert.deepEqual(seen.revoked, [7]);
  assert.deepEqual(seen.events, []);
  assert.deepEqual(connection.invocations, [['JoinList', 7, 10]]);
  assert.equal(lastState(seen), 'live');
});

test('shouldReportARevokedListThatIsNoLongerFollowed', async () => {
  const { feed, connection, seen } = setUp();
  feed.follow(7);
  await settle();
  feed.follow(8);
  await settle();

  connection.push('revoked', { action: 'revoked', listId: 7, version: 30 });

  assert.deepEqual(seen.revoked, [7]);
  assert.equal(lastState(seen), 'live');
});

test('shouldStopAndSaySoWhenTheServerRefusesTheSignIn', async () => {
  const contexts = [];
  const retryPolicy = { nextRetryDelayInMilliseconds: (context) => contexts.push(context) && 1 };
  const { feed, connection, seen } = setUp({ retryPolicy });
  connection.startOutcomes.push(new Error("Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'"));

  feed.follow(7);
  await settle();

  assert.equal(seen.signedOut, 1);
  assert.deepEqual(contexts, [], 'no retry');
  assert.deepEqual(seen.failures, []);
  assert.deepEqual(connection.invocations, []);
  assert.equal(lastState(seen), 'offline');
});

test('shouldStopReconnectingWhenTheSignInHasExpired', async () => {
  const { built, seen } = setUp();

  const delays = [
    built.policy.nextRetryDelayInMilliseconds({ previousRetryCount: 0, elapsedMilliseconds: 0, retryReason: new Error('WebSocket closed with status code: 1006') }),
    built.policy.nextRetryDelayInMilliseconds({ previousRetryCount: 1, elapsedMilliseconds: 900, retryReason: Object.assign(new Error('Unauthorized'), { statusCode: 401 }) }),
  ];

  assert.equal(typeof delays[0], 'number');
  assert.equal(delays[1], null);
  assert.equal(seen.signedOut, 1);
});

test('shouldLeaveAJoinCutOffByADropToTheReconnect', async () => {
  const { feed, connection, seen } = setUp();
  connection.invoke = async () => {
    connection.drop();
    throw new Error('Invocation canceled due to the underlying connection being closed.');
  };

  feed.follow(7);
  await settle();

  assert.deepEqual(seen.failures, []);
  assert.equal(lastState(seen), 'reconnecting');
});

test('shouldReportAConnectionTheServerClosedForGood', async () => {
  const { feed, connection, seen } = setUp();
  feed.follow(7);
  await settle();

  connection.closed.forEach((callback) => callback(new Error('Server returned an error on close: bad message')));

  assert.deepEqual(seen.failures, ['Server returned an error on close: bad message']);
  assert.equal(lastState(seen), 'offline');
});

test('shouldReportTheTransportTheClientSelected', async () => {
  const { feed, built, seen } = setUp();
  built.logger.log(LOG_LEVELS.Debug, "Selecting transport 'WebSockets'.");
  built.logger.log(LOG_LEVELS.Debug, "Selecting transport 'LongPolling'.");

  feed.follow(7);
  await settle();

  assert.equal(feed.transport, 'LongPolling');
  assert.equal(seen.statuses.at(-1).transport, 'LongPolling');
});

test('shouldReconnectAtOnceWhenAskedWhileTheClientWaitsToReconnect', async () => {
  let resume = 10;
  const { feed, connection, seen } = setUp({ resumeVersion: () => resume });
  feed.follow(7);
  await settle();
  connection.drop();
  resume = 14;

  await feed.reconnectNow(); // the network came back: no waiting for the client's own retry timer
  await until(() => lastState(seen) === 'live', 'the list to be joined again');

  assert.equal(connection.stops, 1);
  assert.deepEqual(connection.invocations, [['JoinList', 7, 10], ['JoinList', 7, 14]]);
  assert.deepEqual(seen.failures, [], 'stopping to restart is no failure');
});

test('shouldCutTheFirstStartsBackoffShortWhenAskedToReconnect', async () => {
  const retryPolicy = { nextRetryDelayInMilliseconds: () => 60_000 };
  const { feed, connection, seen } = setUp({ retryPolicy });
  connection.startOutcomes.push(new Error('Failed to fetch'));
  feed.follow(7);
  await until(() => seen.statuses.some((s) => s.retryInMs === 60_000), 'the first start to fail');

  await feed.reconnectNow();
  await until(() => lastState(seen) === 'live', 'the second start without waiting a minute');
});

test('shouldLeaveAConnectedFeedAloneWhenAskedToReconnect', async () => {
  const { feed, connection } = setUp();
  feed.follow(7);
  await settle();

  await feed.reconnectNow();

  assert.equal(connection.stops, undefined);
});

test('shouldReportKeepAlivesAndJoinsAsHeardWithTheVersionDeliveredForTheFollowedList', async () => {
  const heard = [];
  const { feed, connection } = setUp({ onHeard: (listId, version) => heard.push([listId, version]) });
  feed.follow(7);
  await settle();

  connection.push('keepAlive', { action: 'keepAlive', listId: 7, version: 30 });
  connection.push('keepAlive', { action: 'keepAlive', listId: 8, version: 31 });
  connection.push('keepAlive', {});
  connection.push('taskUpdate', { version: 32, action: 'added', listId: 7, taskId: 1 });

  assert.deepEqual(heard, [[7, 10], [7, 30], [8, null], [null, null], [7, null]]);
});
