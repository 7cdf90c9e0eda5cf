"""What the benchmark scripts share: their command line, the Odoo environment they
run in, the timing of a call and the peak memory of the process."""

import argparse
import contextlib
import resource
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, api


def parser(doc):
    """The command line of a benchmark: the database and Odoo's addons path."""
    result = argparse.ArgumentParser(description=doc.split("\n")[0])
    result.add_argument("-d", "--database", required=True)
    result.add_argument("--addons-path", required=True)
    result.add_argument("--db_host", default="localhost")
    return result


@contextlib.contextmanager
def odoo_env(args, context=None):
    """A superuser environment on the database, its cursor closed at the end."""
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", f"--db_host={args.db_host}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, context or {})


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(env, func, repeat, cold=True):
    """``(median seconds, queries of the last call, result of the last call)`` of
    ``func`` called ``repeat`` times; cold: the registry's caches (access rights,
    rules, translations) are cleared before each call, else only the ORM cache."""
    times, queries, result = [], 0, None
    for _ in range(repeat):
        if cold:
            env.registry.clear_cache()
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
        queries = env.cr.sql_log_count - before
    return statistics.median(times), queries, result
