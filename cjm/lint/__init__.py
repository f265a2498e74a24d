"""`cjm lint`: the journey-mapping method's rules over a workspace.

- `rules/`: the rules, one module each, and their registry (``RULES``);
- `rule`: what a rule declares (id, default level, options) and the option validators;
- `config`: the `lint:` section of cjm.yaml, the presets derived from the registry,
  and the one place where rule options are checked;
- `engine`: validation, then the rules, suppressions and baseline over each workspace;
- `base`: what a rule sees (`Context`) and yields (`Finding`);
- `items`, `emotion_lines`: helpers shared by several rules;
- `suppressions`, `baseline`, `docs`: inline comments, baselines, rule documentation.
"""
