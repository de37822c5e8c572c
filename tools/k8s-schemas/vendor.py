#!/usr/bin/env python3
"""Writes the strict JSON Schemas that K8sManifestsTest validates k8s/ against.

usage: vendor.py OUT_DIR KUBERNETES_SWAGGER_JSON CRD_YAML...

KUBERNETES_SWAGGER_JSON is the Kubernetes OpenAPI v2 document (kubernetes-client/python ships it as
kubernetes/swagger.json.unprocessed); each CRD_YAML is an operator's CustomResourceDefinition (Strimzi, CloudNativePG,
KEDA, prometheus-operator). One schema per kind the manifests use, self-contained, made strict the way kubeconform's
openapi2jsonschema does: an object that lists its properties allows no others, so a typo'd field fails, as it does
with `kubectl apply --validate=strict`.
"""
import json, os, sys
import yaml

CORE_KINDS = {  # (group, version, kind) the manifests use
    ("apps", "v1", "Deployment"), ("", "v1", "Service"), ("", "v1", "ConfigMap"), ("", "v1", "Secret"),
    ("", "v1", "ServiceAccount"), ("", "v1", "PersistentVolumeClaim"), ("policy", "v1", "PodDisruptionBudget"),
    ("networking.k8s.io", "v1", "NetworkPolicy"), ("networking.k8s.io", "v1", "Ingress"),
}


def strict(node):
    if isinstance(node, dict):
        if node.get("format") == "int-or-string" or node.pop("x-kubernetes-int-or-string", False):
            node.pop("type", None); node.pop("format", None)
            node["anyOf"] = [{"type": "string"}, {"type": "integer"}]
        if node.get("nullable"):
            t = node.get("type")
            if isinstance(t, str):
                node["type"] = [t, "null"]
        if "properties" in node and "additionalProperties" not in node \
                and not node.get("x-kubernetes-preserve-unknown-fields"):
            node["additionalProperties"] = False
        for value in node.values():
            strict(value)
    elif isinstance(node, list):
        for value in node:
            strict(value)
    return node


def bare(node, parent=None):
    """Drops the annotations a JSON Schema validator does not know (x-kubernetes-*, example). The CEL rules of
    x-kubernetes-validations go too: only the API server evaluates them."""
    if isinstance(node, dict):
        if parent not in ("properties", "definitions"):
            for key in [k for k in node if k.startswith("x-kubernetes-") or k == "example"]:
                del node[key]
        for key, value in node.items():
            bare(value, key)
    elif isinstance(node, list):
        for value in node:
            bare(value)
    return node


def file_name(group, version, kind):
    return f"{kind.lower()}-{(group or 'core').replace('.', '_')}-{version}.json"


def api_version(group, version):
    return f"{group}/{version}" if group else version


def identity(schema, group, version, kind):
    schema.setdefault("properties", {})
    schema["properties"]["apiVersion"] = {"type": "string", "enum": [api_version(group, version)]}
    schema["properties"]["kind"] = {"type": "string", "enum": [kind]}
    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
    return schema


def closure(definitions, name):
    """The definition and every definition it refers to, directly or not."""
    refs, todo = {}, [name]
    while todo:
        ref = todo.pop()
        if ref in refs:
            continue
        refs[ref] = definitions[ref]
        for part in json.dumps(definitions[ref]).split('"#/definitions/')[1:]:
            todo.append(part.split('"')[0])
    return refs


OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"


def core(out, swagger):
    definitions = swagger["definitions"]
    # Quantities are strings or numbers in YAML (cpu: 1); the document types them as strings.
    definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"] = {"anyOf": [{"type": "string"}, {"type": "number"}]}
    for name, definition in definitions.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            key = (gvk["group"], gvk["version"], gvk["kind"])
            if key not in CORE_KINDS or len(definition.get("x-kubernetes-group-version-kind")) != 1:
                continue
            refs = closure(definitions, name)
            schema = {"$schema": "http://json-schema.org/draft-04/schema#", "$ref": f"#/definitions/{name}",
                      "definitions": strict(json.loads(json.dumps(refs)))}
            identity(schema["definitions"][name], *key)
            write(out, key, schema)


def crd(out, path, definitions):
    with open(path) as f:
        for document in yaml.safe_load_all(f):
            if not document or document.get("kind") != "CustomResourceDefinition":
                continue
            spec = document["spec"]
            for version in spec["versions"]:
                if not version.get("served"):
                    continue
                key = (spec["group"], version["name"], spec["names"]["kind"])
                schema = strict(version["schema"]["openAPIV3Schema"])
                # a custom resource's metadata is an ObjectMeta like any object's
                schema["properties"]["metadata"] = {"$ref": f"#/definitions/{OBJECT_META}"}
                schema["definitions"] = strict(json.loads(json.dumps(closure(definitions, OBJECT_META))))
                schema = identity(schema, *key)
                schema["$schema"] = "http://json-schema.org/draft-04/schema#"
                write(out, key, schema)


def write(out, key, schema):
    with open(os.path.join(out, file_name(*key)), "w") as f:
        json.dump(bare(schema), f, separators=(",", ":"), sort_keys=True)
    print("wrote", file_name(*key))


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(sys.argv[2]) as f:
        swagger = json.load(f)
    core(out, swagger)
    for path in sys.argv[3:]:
        crd(out, path, swagger["definitions"])
