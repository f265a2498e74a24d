"""The core every command stands on: loading files into one typed workspace, and its facts.

- `loader`: safe, position-aware YAML; `kinds` and `schema_report`: the JSON Schemas
  and what they say of a document; `references`: the ids documents define and use;
- `loading`: the one pipeline from files and folders to workspaces and problems;
- `workspace`: the typed `Workspace` and its `Settings`; `model`: the typed documents;
- `facts`: what every command asks of a journey (scores, emotion lines, hand-offs…);
- `errors`, `files`, `frameworks`, `suggest`: what the rest needs of each.

Nothing here imports from the features, outputs or the command line above it.
"""
