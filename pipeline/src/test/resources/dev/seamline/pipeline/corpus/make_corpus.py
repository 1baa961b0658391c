#!/usr/bin/python3
"""Writes the corpus of broken YAML presets (seamline detect --config) next to this script, and manifest.tsv.

  /usr/bin/python3 make_corpus.py

Each preset is configs/default.yaml's keys with one thing wrong, or YAML that is not a preset at all (written by
hand below). manifest.tsv: file, a phrase the one-line BadInputException must contain, what is wrong. The valid
configs/*.yaml are the fuzz seeds (../PresetFuzzTestInputs/presetYaml/).
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.join(HERE, *(['..'] * 8), 'configs')
INPUTS = os.path.join(HERE, '..', 'PresetFuzzTestInputs', 'presetYaml')

LAUGHS = 'formats:\n  - &a [geojson, geojson, geojson, geojson, geojson, geojson, geojson, geojson, geojson]\n' + ''.join(
    '  - &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n' % ((chr(98 + i),) + (chr(97 + i),) * 9) for i in range(8))


CASES = [
    ('tab_indent.yaml', 'not a valid YAML preset', 'a tab where YAML wants spaces', 'tile:\n\t- 512\n'),
    ('unclosed_flow.yaml', 'not a valid YAML preset', 'a flow sequence never closed', 'formats: [geojson, gpkg\n'),
    ('list_root.yaml', 'a preset is a mapping', 'a list at the top level', '- tile\n- 512\n'),
    ('scalar_root.yaml', 'a preset is a mapping', 'a plain string', 'just some text\n'),
    ('unknown_key.yaml', "unknown key 'tiles'", 'a misspelt key', 'tiles: 512\n'),
    ('tile_word.yaml', "'tile' must be a whole number", 'tile: big', 'tile: big\n'),
    ('tile_fraction.yaml', "'tile' must be a whole number", 'tile: 1.5', 'tile: 1.5\n'),
    ('tile_2e40.yaml', "'tile' must be a whole number", 'tile: 2^40', 'tile: 1099511627776\n'),
    ('tile_negative.yaml', 'tile', 'tile: -5', 'tile: -5\n'),
    ('overlap_over_tile.yaml', 'overlap', 'overlap 600 for tiles of 512', 'tile: 512\noverlap: 600\n'),
    ('merge_unknown.yaml', "'merge' must be one of", 'merge: magic', 'merge: magic\n'),
    ('match_metric_unknown.yaml', "'match_metric' must be one of", 'match_metric: dice', 'match_metric: dice\n'),
    ('match_threshold_word.yaml', "'match_threshold' must be a number", 'match_threshold: high', 'match_threshold: high\n'),
    ('match_threshold_2.yaml', 'threshold', 'match_threshold: 2', 'match_threshold: 2\n'),
    ('seam_rule_maybe.yaml', "'seam_rule' must be true or false", 'seam_rule: maybe', 'seam_rule: maybe\n'),
    ('batch_zero.yaml', 'batch', 'batch: 0', 'batch: 0\n'),
    ('threads_negative.yaml', 'thread', 'threads: -2', 'threads: -2\n'),
    ('formats_unknown.yaml', "unknown format 'kml'", 'formats: [geojson, kml]', 'formats: [geojson, kml]\n'),
    ('formats_empty.yaml', 'no output format given', 'formats: []', 'formats: []\n'),
    ('formats_mapping.yaml', "'formats' must be a list", 'formats as a mapping', 'formats: {geojson: yes}\n'),
    ('min_score_2.yaml', 'score', 'min_score: 2', 'min_score: 2\n'),
    ('min_score_word.yaml', "'min_score' must be a number", 'min_score: low', 'min_score: low\n'),
    ('quicklook_word.yaml', "'quicklook' must be true or false", 'quicklook: sometimes', 'quicklook: sometimes\n'),
    ('billion_laughs.yaml', 'no output format given', 'formats: nine levels of aliases of nine (10^9 strings if expanded)', LAUGHS),
    ('deep_nesting.yaml', 'not a valid YAML preset', 'tile nested in 10,000 flow sequences',
     'tile: ' + '[' * 10000 + ']' * 10000 + '\n'),
    ('binary.yaml', 'not a valid YAML preset', 'binary bytes', bytes(range(256))),
    ('tile_number_10000_digits.yaml', 'tile', 'a tile of 10,000 digits', 'tile: ' + '9' * 10000 + '\n'),
]


def main():
    for f in os.listdir(HERE):
        if f.endswith('.yaml'):
            os.remove(os.path.join(HERE, f))
    lines = []
    for name, phrase, how, text in CASES:
        with open(os.path.join(HERE, name), 'wb') as out:
            out.write(text if isinstance(text, bytes) else text.encode('utf-8'))
        lines.append('\t'.join([name, phrase, how]))
    with open(os.path.join(HERE, 'manifest.tsv'), 'w') as out:
        out.write('# file\tphrase\twhat is wrong\n' + '\n'.join(lines) + '\n')
    os.makedirs(INPUTS, exist_ok=True)
    for f in sorted(os.listdir(CONFIGS)):
        if f.endswith('.yaml'):
            shutil.copy(os.path.join(CONFIGS, f), os.path.join(INPUTS, 'seed_' + f))
    print(len(CASES), 'presets')


if __name__ == '__main__':
    main()
