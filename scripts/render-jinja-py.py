#!/usr/bin/env python3
"""Render chat templates with Python Jinja2 exactly as transformers' apply_chat_template does.

The oracle for tests/unit/chat-*.test.ts and tests/conformance/chat-*.conformance.test.ts: one process renders a
whole batch, so a test spawns Python once.

stdin:  JSON list of jobs {template, context, now?, continue_final_message?}
        - context: every template variable (messages, tools, documents, add_generation_prompt, special tokens, kwargs),
          passed to render() as is; missing keys stay Jinja `Undefined`.
        - now: ISO-8601 instant for strftime_now (UTC wall clock); default: the real clock.
stdout: JSON list, one per job: {"text": str} or {"error": str, "kind": "syntax"|"raise"|"runtime"}

Mirrors transformers.utils.chat_template_utils (_cached_compile_jinja_template, render_jinja_template):
ImmutableSandboxedEnvironment(trim_blocks, lstrip_blocks, extensions=[generation tag, loopcontrols]), the `tojson`
filter (json.dumps, ensure_ascii=False), globals raise_exception/strftime_now, and continue_final_message's tag cut.
"""
import copy
import json
import sys
from datetime import datetime, timezone

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

CONTINUE_FINAL_MESSAGE_TAG = "CONTINUE_FINAL_MESSAGE_TAG "


class GenerationTag(jinja2.ext.Extension):
    # transformers' AssistantTracker without the index tracking: {% generation %}body{% endgeneration %} -> body
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_support"), [], [], body).set_lineno(lineno)

    def _support(self, caller):
        return caller()


class RaisedByTemplate(Exception):
    pass


def make_env(now):
    def raise_exception(message):
        raise RaisedByTemplate(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(fmt):
        return now.strftime(fmt)

    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[GenerationTag, jinja2.ext.loopcontrols]
    )
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def parse_now(value):
    if not value:
        return datetime.now()
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    # the TS side formats the UTC wall clock; a naive datetime in UTC matches it
    return dt.astimezone(timezone.utc).replace(tzinfo=None) if dt.tzinfo else dt


def render_job(job):
    env = make_env(parse_now(job.get("now")))
    try:
        template = env.from_string(job["template"])
    except jinja2.TemplateSyntaxError as e:
        return {"error": str(e.message), "kind": "syntax", "line": e.lineno}
    context = dict(job.get("context", {}))
    cfm = bool(job.get("continue_final_message"))
    final = None
    if cfm:
        messages = copy.deepcopy(context["messages"])
        final = messages[-1].get("content")
        if final is None:
            return {"error": "continue_final_message is set but the final message has no content to continue!", "kind": "runtime"}
        if isinstance(final, (list, tuple)):
            for block in reversed(final):
                if "text" in block:
                    final = block["text"]
                    block["text"] = block["text"] + CONTINUE_FINAL_MESSAGE_TAG
                    break
            else:
                return {"error": "continue_final_message: no text to continue", "kind": "runtime"}
        else:
            messages[-1]["content"] = messages[-1]["content"] + CONTINUE_FINAL_MESSAGE_TAG
        context["messages"] = messages
    try:
        text = template.render(**context)
    except RaisedByTemplate as e:
        return {"error": str(e), "kind": "raise"}
    except Exception as e:  # noqa: BLE001 - any render failure is reported, not fatal to the batch
        return {"error": f"{type(e).__name__}: {e}", "kind": "runtime"}
    if cfm:
        tag = CONTINUE_FINAL_MESSAGE_TAG.strip()
        if final.strip() not in text or tag not in text:
            return {"error": "continue_final_message is set but the final message does not appear in the chat", "kind": "runtime"}
        loc = text.rindex(tag)
        if text[loc : loc + len(CONTINUE_FINAL_MESSAGE_TAG)] == CONTINUE_FINAL_MESSAGE_TAG:
            text = text[:loc]
        else:
            text = text[:loc].rstrip()
    return {"text": text}


def main():
    jobs = json.load(sys.stdin)
    out = [render_job(job) for job in jobs]
    sys.stdout.write(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
