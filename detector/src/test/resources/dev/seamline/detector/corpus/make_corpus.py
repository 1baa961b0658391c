#!/usr/bin/python3
"""Writes the corpus of broken model bundles next to this script, and manifest.tsv describing them.

  /usr/bin/python3 make_corpus.py

Each bundle is a folder (or a .zip) holding model.json and weights.bin. weights.bin is 64 bytes that are not a
TorchScript model; model.json names it with its true sha256, so ModelBundle.load accepts the descriptor valid.json
and only Detector.open can find the weights wrong. Every other bundle breaks one thing of valid.json.

manifest.tsv: bundle, entry point (load = ModelBundle.load, open = Detector.open), a phrase the one-line
BadInputException must contain, and what was broken.
"""
import copy
import hashlib
import io
import json
import os
import shutil
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = bytes(range(64))
SHA = hashlib.sha256(WEIGHTS).hexdigest()
VALID = {
    "name": "corpus-model", "version": "1", "decoder": "YOLOV8", "architecture": "torchscript",
    "input": {"width": 64, "height": 64, "bands": [1, 2, 3]},
    "normalization": {"scale": 0.00392156862745098, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
    "classes": ["car", "truck", "ship"], "gsd_m": 0.5, "score_threshold": 0.45, "nms_iou": 0.5,
    "max_detections": 40, "weights": "weights.bin", "weights_sha256": SHA,
}
CASES = []


def case(name, phrase, how, text=None, edit=None, entry='load', weights=WEIGHTS, zipped=False, extra=None):
    if text is None:
        d = copy.deepcopy(VALID)
        edit(d)
        text = json.dumps(d, indent=1)
    CASES.append((name, entry, phrase, how, text, weights, zipped, extra))


def put(path, value):
    def edit(d):
        *parents, last = path.split('.')
        for p in parents:
            d = d[p]
        if value is DELETE:
            del d[last]
        else:
            d[last] = value
    return edit


DELETE = object()


def cases():
    case('not_json', 'not valid JSON', 'model.json is the text "model: yes"', text='model: yes\n')
    case('empty_descriptor', 'expected a JSON object', 'model.json is empty', text='')
    case('array_root', 'expected a JSON object', 'model.json is a JSON array', text='[1, 2, 3]')
    case('truncated_json', 'not valid JSON', 'model.json cut in the middle', text=json.dumps(VALID)[:120])
    case('deep_nesting', 'not valid JSON', 'model.json nests 5,000 arrays', text='{"name": ' + '[' * 5000 + ']' * 5000 + '}')
    case('unknown_field', "unknown field 'wieghts'", 'a misspelt field', edit=put('wieghts', 'x'))
    case('missing_decoder', 'decoder', 'no decoder', edit=put('decoder', DELETE))
    case('unknown_decoder', 'decoder', 'decoder "YOLOV99"', edit=put('decoder', 'YOLOV99'))
    case('unknown_architecture', 'architecture', 'architecture "tensorflow"', edit=put('architecture', 'tensorflow'))
    case('unknown_builtin', 'architecture', 'architecture "builtin:nope"', edit=put('architecture', 'builtin:nope'))
    case('input_width_zero', 'input.width', 'input width 0', edit=put('input.width', 0))
    case('input_width_huge', 'input.width', 'input width 10^9', edit=put('input.width', 1000000000))
    case('input_width_string', 'input.width', 'input width "64"', edit=put('input.width', '64'))
    case('input_width_2e63', 'input.width', 'input width 2^63', edit=put('input.width', 2 ** 63))
    case('input_missing', 'input', 'no input object', edit=put('input', DELETE))
    case('bands_empty', 'input.bands', 'no bands', edit=put('input.bands', []))
    case('band_zero', 'input.bands', 'band 0 (bands count from 1)', edit=put('input.bands', [0, 1, 2]))
    case('band_2e40', 'input.bands', 'band 2^40', edit=put('input.bands', [1, 2, 2 ** 40]))
    case('normalization_missing', 'normalization', 'no normalization', edit=put('normalization', DELETE))
    case('normalization_two_stretches', 'exactly one of', 'scale and range together',
         edit=put('normalization.range', [0, 255]))
    case('std_zero', 'normalization.std', 'std 0', edit=put('normalization.std', [0.2, 0.0, 0.2]))
    case('std_count_wrong', 'normalization.std', '2 std values for 3 bands', edit=put('normalization.std', [0.2, 0.2]))
    case('mean_overflows', 'normalization.mean', 'mean 1e999 (infinite as a double)',
         text=json.dumps(VALID).replace('0.485', '1e999'))
    case('scale_zero', 'normalization.scale', 'scale 0', edit=put('normalization.scale', 0))
    case('scale_overflows', 'normalization.scale', 'scale -1e400', text=json.dumps(VALID).replace('0.00392156862745098', '-1e400'))
    case('range_reversed', 'normalization.range', 'range [255, 0]',
         edit=lambda d: d['normalization'].pop('scale') and d['normalization'].update(range=[255, 0]))
    case('percentile_200', 'normalization.percentile', 'percentile [2, 200]',
         edit=lambda d: d['normalization'].pop('scale') and d['normalization'].update(percentile=[2, 200]))
    case('classes_empty', 'classes', 'no classes', edit=put('classes', []))
    case('classes_duplicate_name', 'appears twice', 'class "car" twice', edit=put('classes', ['car', 'car']))
    case('classes_duplicate_id', 'appears twice', 'class id 3 twice',
         edit=put('classes', [{"id": 3, "name": "a"}, {"id": 3, "name": "b"}]))
    case('class_id_2e31', 'classes[0]', 'class id 2^31 - 1 (a decoder sizes arrays by the largest id)',
         edit=put('classes', [{"id": 2 ** 31 - 1, "name": "a"}]))
    case('class_id_negative', 'classes[0]', 'class id -1', edit=put('classes', [{"id": -1, "name": "a"}]))
    case('score_threshold_2', 'score_threshold', 'score threshold 2', edit=put('score_threshold', 2))
    case('max_detections_zero', 'max_detections', 'max_detections 0', edit=put('max_detections', 0))
    case('gsd_negative', 'gsd_m', 'gsd_m -0.5', edit=put('gsd_m', -0.5))
    case('sha_not_hex', 'weights_sha256', 'weights_sha256 "zz"', edit=put('weights_sha256', 'zz'))
    case('sha_mismatch', 'sha256 mismatch', 'weights_sha256 of other bytes',
         edit=put('weights_sha256', hashlib.sha256(b'other').hexdigest()))
    case('weights_missing', 'missing', 'model.json names absent.bin', edit=put('weights', 'absent.bin'))
    case('weights_nul_name', 'weights', 'a weights name holding a NUL character', edit=put('weights', 'a\u0000b.bin'))
    case('weights_is_folder', 'missing', 'the weights name a folder', edit=put('weights', 'sub'), extra='folder:sub')
    case('weights_not_torchscript', 'weights.bin', 'weights.bin is 64 bytes that are not TorchScript (true sha256)',
         edit=lambda d: None, entry='open')
    case('zip_garbage.zip', 'not a readable zip', 'a .zip holding 100 bytes of text', text='', zipped='garbage')
    case('zip_without_descriptor.zip', 'no model.json', 'a zip holding only weights.bin', text='', zipped='nodesc')
    case('zip_weights_missing.zip', 'which the zip does not hold', 'a zip whose model.json names absent.bin',
         edit=put('weights', 'absent.bin'), zipped='zip')
    case('zip_descriptor_bomb.zip', 'over 1 MB', 'a zip whose model.json inflates to 8 MB of spaces',
         text='', zipped='bomb')


def main():
    cases()
    for f in os.listdir(HERE):
        p = os.path.join(HERE, f)
        if os.path.isdir(p):
            shutil.rmtree(p)
        elif f.endswith('.zip'):
            os.remove(p)
    lines = []
    for name, entry, phrase, how, text, weights, zipped, extra in CASES:
        if zipped:
            buf = io.BytesIO()
            if zipped == 'garbage':
                data = b'this is not a zip file, only text pretending to be one ' * 2
            else:
                with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
                    if zipped == 'bomb':
                        z.writestr('model.json', b' ' * (8 << 20))
                    elif zipped != 'nodesc':
                        z.writestr('model.json', text)
                    z.writestr('weights.bin', weights)
                data = buf.getvalue()
            with open(os.path.join(HERE, name), 'wb') as f:
                f.write(data)
        else:
            d = os.path.join(HERE, name)
            os.makedirs(d)
            with open(os.path.join(d, 'model.json'), 'w') as f:
                f.write(text)
            with open(os.path.join(d, 'weights.bin'), 'wb') as f:
                f.write(weights)
            if extra and extra.startswith('folder:'):
                sub = os.path.join(d, extra[7:])
                os.makedirs(sub)
                open(os.path.join(sub, '.keep'), 'w').close()
        lines.append('\t'.join([name, entry, phrase, how]))
    with open(os.path.join(HERE, 'manifest.tsv'), 'w') as f:
        f.write('# bundle\tentry point\tphrase\twhat is broken\n' + '\n'.join(lines) + '\n')
    print(len(CASES), 'bundles')


if __name__ == '__main__':
    main()
