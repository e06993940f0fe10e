#!/usr/bin/env python3
"""Writes a synthetic Go-SDK docs folder for the scale benchmark.

`python3 bench/synth_docs.py OUT_DIR [--apis 300] [--operations 950]` writes, by
default, 300 API docs holding 950 operations and 2,700 model docs (3,000 files) into
OUT_DIR, and prints what it wrote. The folder is the same on every run: names, types
and prose follow from the indices alone. It is a benchmark input, never committed.

Each API documents one resource `R` (e.g. `BillingEntry`, in `BillingEntriesApi.md`)
and each resource has nine model docs:

- `R` (a struct referring to the others and to other resources' summaries),
- `RSummary`, `RSettings`, `RMetadata` (recursive: `Children []RMetadata`),
- `RInput` and `RPatch` (JSON bodies), `RStatus` and `RKind` (enums),
- `RList` (`{count, offset, limit, records}`, a page of `R`).

Operations are drawn from list (paged: `offset`/`limit`), get, create, update, delete,
archive (a form body) and search (a required query parameter), with path, query, JSON
and form parameters of several types; one resource in five is nested under another
(`/parents/{parentId}/children`). The API docs rotate through the three styles apibind
reads: openapi-generator 4 (`## Op`), swagger-codegen (`# **Op**`) and
openapi-generator 5+ (`XxxAPI.md`, builder signatures, `Pointer to` types).
"""

import argparse
import shutil
import sys
from pathlib import Path

PREFIXES = [
    "Account", "Billing", "Catalog", "Channel", "Customer", "Delivery", "Document",
    "Event", "Fleet", "Inventory", "Ledger", "Media", "Network", "Order", "Payment",
    "Project", "Report", "Schedule", "Support", "Warehouse", "Audit", "Campaign",
    "Contract", "Device", "Invoice",
]
NOUNS = [
    "Entry", "Item", "Group", "Rule", "Note", "Record", "Batch", "Profile", "Template",
    "Policy", "Task", "Label", "Segment", "Window", "Queue", "Address",
]
# Per resource: the operations it documents (a fourth is added to one API in six).
VARIANTS = [
    ["List", "Get", "Create"],
    ["List", "Get", "Update"],
    ["List", "Create", "Delete"],
    ["Get", "Update", "Delete"],
    ["List", "Get", "Archive"],
    ["Search", "Get", "Create"],
]
EXTRA = ["Delete", "Create", "Update", "Archive", "List", "Get", "Search"]
STYLES = ["oag4", "swagger", "oag5"]
BASE_URL = "https://api.example.com/v2"
MODELS_PER_RESOURCE = 9
ENUM_WORDS = ["active", "pending", "archived", "suspended", "draft", "deleted", "open", "closed"]
BACK = "[[Back to Model list]](../README.md#documentation-for-models) [[Back to API list]](../README.md#documentation-for-api-endpoints) [[Back to README]](../README.md)"
CTX = "**ctx** | **context.Context** | context for authentication, logging, cancellation, deadlines, tracing, etc."


def plural(noun):
    if noun.endswith("y"):
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "s", "x")):
        return noun + "es"
    return noun + "s"


def snake(name):
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i:
            out.append("_")
        out.append(c.lower())
    return "".join(out)


def a(words):
    return ("an " if words[:1] in "aeiou" else "a ") + words


def lower_first(name):
    return name[:1].lower() + name[1:]


class Resource:
    def __init__(self, i, n):
        self.i = i
        prefix, noun = PREFIXES[i // len(NOUNS)], NOUNS[i % len(NOUNS)]
        self.name = prefix + noun  # BillingEntry
        self.plural = prefix + plural(noun)  # BillingEntries
        self.api = self.plural + "Api"
        self.style = STYLES[i % len(STYLES)]
        self.file = (self.plural + "API.md") if self.style == "oag5" else (self.api + ".md")
        self.id_param = lower_first(self.name) + "Id"
        self.segment = "/" + snake(self.plural)
        # Another resource this one refers to, and one in five is nested under it.
        self.other = (i * 7 + 3) % n
        self.nested = i % 5 == 0 and self.other != i


def collection_path(r, resources):
    if r.nested:
        parent = resources[r.other]
        return f"{parent.segment}/{{{parent.id_param}}}{r.segment}", [parent]
    return r.segment, []


# ---------------------------------------------------------------- operations


def operations(r, resources):
    """(name, method, path, summary, description, required, optional, body, returns,
    content_type): parameters are (name, go type, description) tuples."""
    names = list(VARIANTS[r.i % len(VARIANTS)])
    if r.i % 6 == 0:
        names.append(next(e for e in EXTRA if e not in names))
    base, parents = collection_path(r, resources)
    parent_params = [(p.id_param, "string", f"The id of the parent {snake(p.name).replace('_', ' ')}.") for p in parents]
    item = f"{base}/{{{r.id_param}}}"
    id_param = (r.id_param, "string", f"The {snake(r.name).replace('_', ' ')}'s id.")
    words = snake(r.name).replace("_", " ")
    words_plural = snake(r.plural).replace("_", " ")
    paging = [
        ("offset", "int32", "The record index to start at. Default value is 0."),
        ("limit", "int32", "The max number of records to return. Default value is 30, max value is 100."),
    ]
    ops = []
    for name in names:
        if name == "List":
            optional = paging + [
                ("sort", "string", "The field to sort by: `created_at` or `updated_at`."),
                ("status", "string", f"Only {words_plural} in this state."),
                ("createdAfter", "time.Time", f"Only {words_plural} created after this instant."),
                ("tags", "[]string", "Tags to filter on; can be repeated."),
                ("active", "bool", f"Only active {words_plural}."),
                ("minScore", "float64", "The lowest score to return."),
            ][: 3 + r.i % 6]
            ops.append((f"List{r.plural}", "Get", base, f"Listing {words_plural}",
                        f"Lists the {words_plural}, newest first. Only {words_plural} the token's user can read are returned.",
                        parent_params, optional, None, f"{r.name}List", None))
        elif name == "Search":
            optional = paging + [("fuzzy", "bool", "Whether to match approximately.")]
            ops.append((f"Search{r.plural}", "Get", f"{base}/search", f"Searching {words_plural}",
                        f"Finds the {words_plural} whose name matches the query.",
                        parent_params + [("query", "string", "The text to look for.")], optional, None,
                        f"{r.name}List", None))
        elif name == "Get":
            optional = [("expand", "[]string", "Related objects to embed.")] if r.i % 2 else []
            ops.append((f"Get{r.name}", "Get", item, f"Getting {a(words)}",
                        f"Returns one {words}. If it does not exist a 404 HTTP response is returned.",
                        parent_params + [id_param], optional, None, r.name, None))
        elif name == "Create":
            body = (lower_first(r.name) + "Input", f"{r.name}Input", f"The {words} to create.")
            ops.append((f"Create{r.name}", "Post", base, f"Creating {a(words)}",
                        f"Creates {a(words)}. {a(words).capitalize()} with the same name already existing returns a 409 error.",
                        parent_params, [], body, r.name, "application/json"))
        elif name == "Update":
            body = (lower_first(r.name) + "Patch", f"{r.name}Patch", "The fields to change.")
            optional = [("dryRun", "bool", "Validate without saving.")] if r.i % 3 == 1 else []
            ops.append((f"Update{r.name}", "Put", item, f"Updating {a(words)}",
                        f"Updates the given fields of {a(words)}.",
                        parent_params + [id_param], optional, body, r.name, "application/json"))
        elif name == "Delete":
            ops.append((f"Delete{r.name}", "Delete", item, f"Deleting {a(words)}",
                        f"Deletes {a(words)}. {a(words).capitalize()} still in use cannot be deleted: a 409 error is returned.",
                        parent_params + [id_param], [], None, None, None))
        elif name == "Archive":
            optional = [("reason", "string", "Why it is archived."), ("notify", "bool", "Whether to notify its owner.")]
            ops.append((f"Archive{r.name}", "Post", f"{item}/archive", f"Archiving {a(words)}",
                        f"Archives {a(words)}; archived {words_plural} are read-only.",
                        parent_params + [id_param], optional, None, r.name,
                        "application/x-www-form-urlencoded"))
    return ops


OPTIONAL_TYPES = {
    "string": "**optional.String**",
    "int32": "**optional.Int32**",
    "int64": "**optional.Int64**",
    "bool": "**optional.Bool**",
    "float64": "**optional.Float64**",
    "time.Time": "**optional.Time**",
    "[]string": "[**optional.Interface of []string**](string.md)",
}
EXAMPLE_VALUES = {
    "string": '"{n}_example"',
    "int32": "int32(56)",
    "int64": "int64(789)",
    "bool": "true",
    "float64": "float64(1.2)",
    "time.Time": "time.Now()",
    "[]string": '[]string{{"Inner_example"}}',
}


def go_type_cell(ty):
    if ty[:1].isupper() or ty.startswith("[]") and ty[2:3].isupper():
        return f"[**{ty}**]({ty.lstrip('[]')}.md)"
    if ty == "time.Time":
        return "[**time.Time**](time.Time.md)"
    return f"**{ty}**"


def api_doc(r, resources):
    ops = operations(r, resources)
    style = r.style
    title = r.plural + ("API" if style == "oag5" else "Api")
    out = [f"# \\{title}", "", f"All URIs are relative to *{BASE_URL}*", "",
           "Method | HTTP request | Description", "------------- | ------------- | -------------"]
    for name, method, path, summary, *_ in ops:
        out.append(f"[**{name}**]({r.file}#{name}) | **{method}** {path} | {summary}")
    out += ["", "", ""]
    for op in ops:
        out += {"oag4": section_oag4, "swagger": section_swagger, "oag5": section_oag5}[style](op)
    return "\n".join(out) + "\n", len(ops)


def headers(content_type, returns):
    accept = "application/json" if returns else "Not defined"
    return ["### HTTP request headers", "", f"- **Content-Type**: {content_type or 'Not defined'}",
            f"- **Accept**: {accept}", ""]


def return_block(returns):
    return ["### Return type", "", go_type_cell(returns) if returns else " (empty response body)", ""]


def section_oag4(op, heading="## {}", body_name=None, indent=""):
    name, method, path, summary, description, required, optional, body, returns, ctype = op
    if body is not None:
        body = (body_name or body[0], *body[1:])
        required = required + [body]
    args = ["ctx"] + [p[0] for p in required] + (["optional"] if optional else [])
    ret = f"{returns} " if returns else ""
    out = [heading.format(name), "", f"> {ret}{name}({', '.join(args)})", summary, "", description, "",
           "### Required Parameters", "", "",
           "Name | Type | Description  | Notes", "------------- | ------------- | ------------- | -------------",
           indent + CTX]
    for pname, ty, desc in required:
        out.append(f"{indent} **{pname}** | {go_type_cell(ty)}| {desc} | ")
    if optional:
        out.append(f" **optional** | ***{name}Opts** | optional parameters | nil if no parameters")
        out += ["", "### Optional Parameters", "",
                f"Optional parameters are passed through a pointer to a {name}Opts struct", "", "",
                "Name | Type | Description  | Notes", "------------- | ------------- | ------------- | -------------"]
        for pname, ty, desc in optional:
            note = "[default to 30]" if pname == "limit" else ""
            out.append(f" **{pname}** | {OPTIONAL_TYPES[ty]}| {desc} | {note}")
    out += [""]
    out += return_block(returns)
    out += ["### Authorization", "", "[bearer](../README.md#bearer)", ""]
    out += headers(ctype, returns)
    out += ["[[Back to top]](#) [[Back to API list]](../README.md#documentation-for-api-endpoints) "
            "[[Back to Model list]](../README.md#documentation-for-models) [[Back to README]](../README.md)", "", ""]
    return out


def section_swagger(op):
    return section_oag4(op, heading="# **{}**", body_name="body", indent=" ")


def section_oag5(op):
    name, method, path, summary, description, required, optional, body, returns, ctype = op
    path_params = [p for p in required if "{" + p[0] + "}" in path]
    other_required = [p for p in required if p not in path_params]
    others = [(p, False) for p in other_required]
    if body is not None:
        others.append((body, False))
    others += [(p, True) for p in optional]
    chain = "".join(f".{p[0][:1].upper()}{p[0][1:]}({p[0]})" for p, _ in others)
    ret = f"{returns} " if returns else ""
    out = [f"## {name}", "", f"> {ret}{name}(ctx{''.join(', ' + p[0] for p in path_params)}){chain}.Execute()", "",
           summary, "", "", "", "### Example", "", "```go", "package main", "", "import (", '    "context"',
           '    "fmt"', '    "os"', '    openapiclient "github.com/example/synth"', ")", "", "func main() {"]
    for (pname, ty, desc), opt in [(p, False) for p in path_params] + others:
        value = EXAMPLE_VALUES.get(ty, f"*openapiclient.New{ty}()").format(n=pname[:1].upper() + pname[1:])
        out.append(f"    {pname} := {value} // {ty} | {desc}{' (optional)' if opt else ''}")
    call = f"apiClient.{name}(context.Background(){''.join(', ' + p[0] for p in path_params)}){chain}.Execute()"
    out += ["", "    configuration := openapiclient.NewConfiguration()",
            "    apiClient := openapiclient.NewAPIClient(configuration)",
            f"    {'resp, ' if returns else ''}r, err := {call}",
            "    if err != nil {",
            f'        fmt.Fprintf(os.Stderr, "Error when calling `{name}``: %v\\n", err)',
            '        fmt.Fprintf(os.Stderr, "Full HTTP response: %v\\n", r)', "    }"]
    if returns:
        out.append(f'    fmt.Fprintf(os.Stdout, "Response from `{name}`: %v\\n", resp)')
    out += ["}", "```", "", "### Path Parameters", "", ""]
    if path_params:
        out += ["Name | Type | Description  | Notes", "------------- | ------------- | ------------- | -------------", CTX]
        out += [f"**{p[0]}** | {go_type_cell(p[1])} | {p[2]} | " for p in path_params]
    out += ["", "### Other Parameters", "",
            f"Other parameters are passed through a pointer to a api{name}Request struct via the builder pattern",
            "", "", "Name | Type | Description  | Notes", "------------- | ------------- | ------------- | -------------"]
    if path_params:
        out.append("")
    out += [f" **{p[0]}** | {go_type_cell(p[1])} | {p[2]} | " for p, _ in others]
    out += [""]
    out += return_block(returns)
    out += ["### Authorization", "", "[bearer](../README.md#bearer)", ""]
    out += headers(ctype, returns)
    out += ["[[Back to top]](#) [[Back to API list]](../README.md#documentation-for-api-endpoints)",
            "[[Back to Model list]](../README.md#documentation-for-models)", "[[Back to README]](../README.md)", "", ""]
    return out


# -------------------------------------------------------------------- models


def models(r, resources):
    """(name, fields or enum values): fields are (name, go type, description, required)."""
    other = resources[r.other]
    peer = resources[(r.i * 13 + 5) % len(resources)]
    n = r.name
    words = snake(n).replace("_", " ")
    main = [
        ("Id", "string", f"The {words}'s id.", True),
        ("Name", "string", "The display name.", True),
        ("Status", f"{n}Status", "", False),
        ("Kind", f"{n}Kind", "", False),
        ("CreatedAt", "time.Time", "When it was created.", False),
        ("UpdatedAt", "time.Time", "When it last changed.", False),
        ("Settings", f"{n}Settings", "", False),
        ("Metadata", f"[]{n}Metadata", "", False),
        ("Owner", f"{other.name}Summary", f"The {snake(other.name).replace('_', ' ')} it belongs to.", False),
        ("Related", f"[]{peer.name}Summary", "", False),
        ("Tags", "[]string", "", False),
        ("Attributes", "map[string]string", "", False),
        ("Score", "float64", "", False),
        ("Version", "int64", "Incremented on every change.", False),
        ("CommentsCount", "int32", "", False),
        ("Active", "bool", "", False),
        ("Extra", "map[string]interface{}", "", False),
    ][: 11 + r.i % 7]
    values = [w for k, w in enumerate(ENUM_WORDS) if (r.i >> (k % 4)) & 1 or k < 2]
    return [
        (n, main),
        (f"{n}Summary", [("Id", "string", "", True), ("Name", "string", "", False),
                         ("Status", f"{n}Status", "", False)]),
        (f"{n}Status", values),
        (f"{n}Kind", [f"kind_{k}" for k in range(2 + r.i % 5)]),
        (f"{n}Settings", [("Enabled", "bool", "", False), ("Threshold", "float32", "", False),
                          ("Limit", "int32", "", False), ("Labels", "[]string", "", False),
                          ("Window", "[][]int32", "", False), ("Fallback", f"{other.name}Settings", "", False)]
         [: 4 + r.i % 3]),
        (f"{n}Metadata", [("Key", "string", "", True), ("Value", "string", "", False),
                          ("Children", f"[]{n}Metadata", "Nested entries.", False)]),
        (f"{n}Input", [("Name", "string", "The display name.", True), ("Kind", f"{n}Kind", "", False),
                       ("Settings", f"{n}Settings", "", False), ("Tags", "[]string", "", False),
                       ("OwnerId", "string", "", False)]),
        (f"{n}Patch", [("Name", "string", "", False), ("Status", f"{n}Status", "", False),
                       ("Settings", f"{n}Settings", "", False), ("Tags", "[]string", "", False)]),
        (f"{n}List", [("Count", "int32", "", False), ("Limit", "int32", "", False),
                      ("Offset", "int32", "", False), ("Records", f"[]{n}", "", False)]),
    ]


def model_type_cell(ty):
    if ty.startswith("map[string]interface{}"):
        return "[**map[string]interface{}**](.md)"
    return go_type_cell(ty)


def model_doc(name, spec, style):
    if isinstance(spec[0], str):  # an enum
        out = [f"# {name}", "", "## Enum", "", ""]
        for value in spec:
            out += [f"* `{value.upper()}` (value: `\"{value}\"`)", ""]
        out += ["", BACK]
        return "\n".join(out) + "\n"
    out = [f"# {name}", "", "## Properties", ""]
    if style == "swagger":
        out.pop()
    out += ["Name | Type | Description | Notes", "------------ | ------------- | ------------- | -------------"]
    for field, ty, desc, required in spec:
        cell = model_type_cell(ty)
        if style == "oag5" and not required:
            cell = "Pointer to " + cell
        notes = "" if required else "[optional] "
        if style == "swagger" and not required:
            notes += "[default to null]"
        out.append(f"**{field}** | {cell} | {desc} | {notes}")
    out.append("")
    if style == "oag5":
        args = ", ".join(f"{lower_first(f)} {t}" for f, t, _, req in spec if req)
        out += ["## Methods", "", f"### New{name}", "", f"`func New{name}({args}{', ' if args else ''}) *{name}`", "",
                f"New{name} instantiates a new {name} object", ""]
        for field, ty, _, required in spec:
            out += [f"### Get{field}", "", f"`func (o *{name}) Get{field}() {ty}`", "",
                    f"Get{field} returns the {field} field if non-nil, zero value otherwise.", "",
                    f"### Set{field}", "", f"`func (o *{name}) Set{field}(v {ty})`", "",
                    f"Set{field} sets {field} field to given value.", ""]
            if not required:
                out += [f"### Has{field}", "", f"`func (o *{name}) Has{field}() bool`", "",
                        f"Has{field} returns a boolean if a field has been set.", ""]
    out += [BACK]
    return "\n".join(out) + "\n"


def generate(out_dir, n_apis, n_operations):
    resources = [Resource(i, n_apis) for i in range(n_apis)]
    if n_apis > len(PREFIXES) * len(NOUNS):
        raise SystemExit(f"at most {len(PREFIXES) * len(NOUNS)} APIs")
    out_dir = Path(out_dir)
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    total_ops = total_models = 0
    for r in resources:
        text, count = api_doc(r, resources)
        (out_dir / r.file).write_text(text)
        total_ops += count
        for name, spec in models(r, resources):
            (out_dir / f"{name}.md").write_text(model_doc(name, spec, r.style))
            total_models += 1
    if total_ops != n_operations:
        print(f"note: {total_ops} operations (asked {n_operations})", file=sys.stderr)
    files = sum(1 for _ in out_dir.iterdir())
    return {"apis": n_apis, "operations": total_ops, "models": total_models, "files": files}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--apis", type=int, default=300)
    parser.add_argument("--operations", type=int, default=950, help="only checked: the count follows from --apis")
    args = parser.parse_args()
    s = generate(args.out_dir, args.apis, args.operations)
    print(f"{s['files']} files: {s['apis']} API docs with {s['operations']} operations, {s['models']} model docs")


if __name__ == "__main__":
    main()
