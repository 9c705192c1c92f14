"""The pacers over a fake clock: sync (shared by threads) and async (shared by tasks)."""

import asyncio
import threading

from hubspot_toolkit.client.resilience import AsyncPacer, Budget, Pacer
from tests.client.resilience.helpers import FakeClock, max_in_any_window


def test_pacer_sleeps_exactly_until_the_oldest_request_leaves_the_window() -> None:
    clock = FakeClock()
    pacer = Pacer(Budget(2, 10.0), clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(5):
        slot = pacer.acquire()
        assert slot is not None
        sent.append(clock.now - 1000.0)
        pacer.release(slot)
        clock.advance(1.0)
    assert max_in_any_window(sent, 10.0) == 2
    assert [round(t, 2) for t in sent] == [0.0, 1.0, 10.0, 11.0, 20.0]


def test_pause_delays_the_next_request() -> None:
    clock = FakeClock()
    pacer = Pacer(Budget(10, 10.0), clock=clock, sleep=clock.sleep)
    pacer.pause(3.0)
    assert pacer.acquire() is not None
    assert clock.sleeps == [3.0]


def test_acquire_gives_up_without_sleeping_when_the_wait_would_pass_the_deadline() -> None:
    clock = FakeClock()
    pacer = Pacer(Budget(1, 10.0), clock=clock, sleep=clock.sleep)
    slot = pacer.acquire()
    assert slot is not None
    pacer.release(slot)
    assert pacer.acquire(deadline=clock.now + 5.0) is None
    assert clock.sleeps == []
    assert pacer.acquire(deadline=clock.now + 11.0) is not None


def test_threads_sharing_one_pacer_stay_within_the_budget() -> None:
    clock = FakeClock()
    clock_lock = threading.Lock()

    def sleep(seconds: float) -> None:
        with clock_lock:
            clock.sleep(seconds)

    pacer = Pacer(Budget(3, 1.0), clock=clock, sleep=sleep)
    arrivals: list[float] = []

    def worker() -> None:
        for _ in range(6):
            slot = pacer.acquire()
            assert slot is not None
            with clock_lock:
                arrivals.append(clock.now)
            pacer.release(slot)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(arrivals) == 48
    assert max_in_any_window(arrivals, 1.0) == 3
    # The queue for a turn means only the head sleeps: no thundering herd of sleepers.
    assert len(clock.sleeps) < 3 * len(arrivals)


def test_async_tasks_sharing_one_pacer_stay_within_the_budget_without_a_herd() -> None:
    clock = FakeClock()
    pacer = AsyncPacer(Budget(5, 1.0), clock=clock, sleep=clock.asleep)
    arrivals: list[float] = []

    async def task() -> None:
        slot = await pacer.acquire()
        assert slot is not None
        arrivals.append(clock.now)
        await asyncio.sleep(0)  # the request is in flight for a moment
        pacer.release(slot)

    async def main() -> None:
        await asyncio.gather(*(task() for _ in range(300)))

    asyncio.run(main())
    assert len(arrivals) == 300
    assert max_in_any_window(arrivals, 1.0) == 5
    # 60 windows of 5; with every waiter sleeping on its own it would be thousands of sleeps.
    assert len(clock.sleeps) < 2 * len(arrivals)


def test_async_pacer_survives_a_second_event_loop() -> None:
    clock = FakeClock()
    pacer = AsyncPacer(Budget(1, 1.0), clock=clock, sleep=clock.asleep)

    async def burst() -> None:
        async def one() -> None:
            slot = await pacer.acquire()
            assert slot is not None
            pacer.release(slot)

        await asyncio.gather(one(), one(), one())

    asyncio.run(burst())
    asyncio.run(burst())  # an asyncio.Lock bound to the first loop would raise here


def test_async_acquire_gives_up_at_the_deadline() -> None:
    clock = FakeClock()
    pacer = AsyncPacer(Budget(1, 10.0), clock=clock, sleep=clock.asleep)

    async def main() -> None:
        slot = await pacer.acquire()
        assert slot is not None
        pacer.release(slot)
        assert await pacer.acquire(deadline=clock.now + 5.0) is None
        assert await pacer.acquire(deadline=clock.now + 11.0) is not None

    asyncio.run(main())
    assert clock.sleeps == [10.001]
