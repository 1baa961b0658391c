#!/usr/bin/python3
"""Writes the corpus of broken label and prediction files next to this script, manifest.tsv, and the valid
counterparts in valid/ (also the seeds of the fuzz tests, copied to ../EvalFuzzTestInputs/<method>/).

  /usr/bin/python3 make_corpus.py

Every format `eval` reads is covered: COCO ground truth and results, DOTA labelTxt and Task files, xView GeoJSON
and txt, SpaceNet CSV and GeoJSON, DeepForest CSV, Safe Passage CSV, Seamline GeoJSON (scored against COCO ground truth), and the
image-set list. Each broken file is a valid file of valid/ with one thing broken, written by hand below.

manifest.tsv: the broken file (or folder, for formats read as folders), the metric, which side of the evaluation
it is (gt or pred; the other side is the valid counterpart from valid/), a phrase the one-line BadInputException
must contain, and what is broken.
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, '..', 'EvalFuzzTestInputs')

COCO_GT = {"images": [{"id": 1, "file_name": "a.tif", "width": 100, "height": 100},
                      {"id": 2, "file_name": "b.tif", "width": 100, "height": 100}],
           "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "ship"}],
           "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, 20, 20], "area": 400, "iscrowd": 0},
                           {"id": 2, "image_id": 2, "category_id": 2, "bbox": [5, 5, 30, 10], "area": 300, "iscrowd": 0}]}
COCO_RES = [{"image_id": 1, "category_id": 1, "bbox": [11, 10, 20, 20], "score": 0.9},
            {"image_id": 2, "category_id": 2, "bbox": [5, 6, 30, 10], "score": 0.8}]
DOTA_LABEL = "imagesource:GoogleEarth\ngsd:0.5\n10 10 50 10 50 30 10 30 plane 0\n60 60 90 60 90 80 60 80 ship 1\n"
DOTA_TASK1 = "P1 0.9 11 10 50 10 50 30 11 30\nP1 0.4 60 60 90 60 90 80 60 80\n"
XVIEW_GT = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"image_id": "1.tif", "type_id": 11, "bounds_imcoords": "10,10,50,40"}, "geometry": None},
    {"type": "Feature", "properties": {"image_id": "1.tif", "type_id": 73, "bounds_imcoords": "60,60,90,80"}, "geometry": None}]}
XVIEW_PRED = "10 10 50 40 11 0.9\n60 61 90 80 73 0.5\n"
SN_GT_CSV = 'ImageId,BuildingId,PolygonWKT_Pix\nimg1,0,"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"\nimg1,1,"POLYGON ((20 20, 30 20, 30 30, 20 30, 20 20))"\n'
SN_PRED_CSV = 'ImageId,BuildingId,PolygonWKT_Pix,Confidence\nimg1,0,"POLYGON ((0 0, 10 0, 10 11, 0 11, 0 0))",1\n'
SQUARE = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]
SN_GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"conf": 0.9}, "geometry": {"type": "Polygon", "coordinates": SQUARE}}]}
DF_GT = "image_path,xmin,ymin,xmax,ymax,label\na.tif,0,0,10,10,Tree\na.tif,20,20,30,30,Tree\n"
DF_PRED = "image_path,xmin,ymin,xmax,ymax,label,score\na.tif,0,0,10,11,Tree,0.9\n"
SP_GT = ("id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,100:100\nTQ2379_0_0_B,TQ2379_0_0.jpg,B,300:300|400:400\n"
         "TQ2379_0_1_B,TQ2379_0_1.jpg,B,None\n")
SP_PRED = "id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,104:100\nTQ2379_0_0_B,TQ2379_0_0.jpg,B,310:300\n"
SL_GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"image": "a.tif", "class": "car", "class_id": 1, "score": 0.9,
                                       "pixel_box": [10, 10, 30, 30]}, "geometry": None}]}

CASES = []


def js(o):
    return json.dumps(o, indent=1)


def edited(o, f):
    o = json.loads(json.dumps(o))
    f(o)
    return js(o)


def case(name, metric, side, phrase, how, text, folder=None):
    CASES.append((name, metric, side, phrase, how, text, folder))


def valid():
    return {
        'coco_gt.json': js(COCO_GT), 'coco_results.json': js(COCO_RES),
        'dota_labels/P1.txt': DOTA_LABEL, 'dota_det/Task1_plane.txt': DOTA_TASK1,
        'xview_gt.geojson': js(XVIEW_GT), 'xview_pred/1.tif.txt': XVIEW_PRED,
        'spacenet_gt.csv': SN_GT_CSV, 'spacenet_pred.csv': SN_PRED_CSV,
        'spacenet_gt.geojson': js(SN_GEOJSON), 'spacenet_pred.geojson': js(SN_GEOJSON),
        'deepforest_gt.csv': DF_GT, 'deepforest_pred.csv': DF_PRED,
        'safepassage_gt.csv': SP_GT, 'safepassage_pred.csv': SP_PRED,
        'seamline.geojson': js(SL_GEOJSON), 'imageset.txt': '1\n2\n',
    }


def cases():
    # ---- COCO ground truth
    g = 'coco'
    case('coco_gt_not_json.json', g, 'gt', 'malformed JSON', 'plain text', 'images: none\n')
    case('coco_gt_empty.json', g, 'gt', 'expected a JSON object', 'an empty file', '')
    case('coco_gt_array_root.json', g, 'gt', 'expected a JSON object', 'an array at the top level', '[]')
    case('coco_gt_truncated.json', g, 'gt', 'malformed JSON', 'cut inside "annotations"', js(COCO_GT)[:-60])
    case('coco_gt_images_not_array.json', g, 'gt', '"images" must be an array', '"images": 3',
         edited(COCO_GT, lambda o: o.update(images=3)))
    case('coco_gt_bbox_missing.json', g, 'gt', '"bbox" must be an array of 4 numbers', 'an annotation without bbox',
         edited(COCO_GT, lambda o: o['annotations'][0].pop('bbox')))
    case('coco_gt_bbox_3.json', g, 'gt', '"bbox" must be an array of 4 numbers', 'a bbox of 3 numbers',
         edited(COCO_GT, lambda o: o['annotations'][0].update(bbox=[1, 2, 3])))
    case('coco_gt_bbox_strings.json', g, 'gt', '"bbox" must hold finite numbers', 'a bbox of strings',
         edited(COCO_GT, lambda o: o['annotations'][0].update(bbox=["1", "2", "3", "4"])))
    case('coco_gt_bbox_overflow.json', g, 'gt', 'finite', 'a bbox number 1e999 (infinite as a double)',
         js(COCO_GT).replace('"bbox": [\n    10', '"bbox": [\n    1e999', 1))
    case('coco_gt_bbox_sum_overflows.json', g, 'gt', 'sums x + w and y + h are finite', 'bbox x and w of 1.5e308 each (x + w overflows)',
         edited(COCO_GT, lambda o: o['annotations'][0].update(bbox=[1.5e308, 0, 1.5e308, 1])))
    case('coco_gt_id_string.json', g, 'gt', '"id" must be an integer', 'an image id "one"',
         edited(COCO_GT, lambda o: o['images'][0].update(id="one")))
    case('coco_gt_id_fraction.json', g, 'gt', '"id" must be an integer', 'an annotation id 1.5',
         edited(COCO_GT, lambda o: o['annotations'][0].update(id=1.5)))
    case('coco_gt_duplicate_image.json', g, 'gt', 'appears twice', 'image id 1 twice',
         edited(COCO_GT, lambda o: o['images'][1].update(id=1)))
    case('coco_gt_unknown_image.json', g, 'gt', 'which "images" does not list', 'an annotation on image 9',
         edited(COCO_GT, lambda o: o['annotations'][0].update(image_id=9)))
    case('coco_gt_unknown_category.json', g, 'gt', 'which "categories" does not list', 'an annotation of category 9',
         edited(COCO_GT, lambda o: o['annotations'][0].update(category_id=9)))
    case('coco_gt_deep_nesting.json', g, 'gt', 'malformed JSON', '"info" nests 100,000 arrays',
         '{"info": ' + '[' * 100000 + ']' * 100000 + '}')
    case('coco_gt_annotation_not_object.json', g, 'gt', 'must be an object', 'an annotation that is a number',
         edited(COCO_GT, lambda o: o['annotations'].append(7)))
    case('coco_gt_number_10000_digits.json', g, 'gt', 'malformed JSON', 'an area of 10,000 digits',
         js(COCO_GT).replace('"area": 400', '"area": ' + '9' * 10000, 1))
    # ---- COCO results
    case('coco_results_object_root.json', g, 'pred', 'expected a JSON array', 'an object at the top level', '{}')
    case('coco_results_score_1_5.json', g, 'pred', 'outside [0, 1]', 'score 1.5',
         edited(COCO_RES, lambda o: o[0].update(score=1.5)))
    case('coco_results_score_string.json', g, 'pred', '"score" must be a number', 'score "high"',
         edited(COCO_RES, lambda o: o[0].update(score="high")))
    case('coco_results_nan.json', g, 'pred', 'malformed JSON', 'score NaN (not JSON)',
         js(COCO_RES).replace('0.9', 'NaN', 1))
    case('coco_results_no_image_id.json', g, 'pred', '"image_id" must be an integer', 'a result without image_id',
         edited(COCO_RES, lambda o: o[0].pop('image_id')))
    case('coco_results_unknown_image.json', g, 'pred', 'does not list', 'a result on image 99',
         edited(COCO_RES, lambda o: o[0].update(image_id=99)))
    case('coco_results_trailing_garbage.json', g, 'pred', 'malformed JSON', 'bytes after the array',
         js(COCO_RES) + '\n]]]')
    case('coco_results_utf16.json', g, 'pred', '"bbox" must be an array', 'UTF-16 text (read as such) of a result without bbox',
         '\ufeff[{"x": "\udcff"}]'.encode('utf-16-le', 'surrogatepass'))
    # ---- Seamline GeoJSON predictions, scored against COCO ground truth
    case('seamline_unknown_class.geojson', g, 'pred', "unknown class 'boat'", 'class "boat"',
         edited(SL_GEOJSON, lambda o: o['features'][0]['properties'].update({'class': 'boat'})))
    case('seamline_score_2.geojson', g, 'pred', 'outside [0, 1]', 'score 2',
         edited(SL_GEOJSON, lambda o: o['features'][0]['properties'].update(score=2)))
    case('seamline_box_3.geojson', g, 'pred', '"pixel_box" must be an array of 4 numbers', 'a pixel_box of 3 numbers',
         edited(SL_GEOJSON, lambda o: o['features'][0]['properties'].update(pixel_box=[1, 2, 3])))
    case('seamline_polygon_7.geojson', g, 'pred', '"pixel_polygon" must be an array of 8 numbers', 'a pixel_polygon of 7',
         edited(SL_GEOJSON, lambda o: o['features'][0]['properties'].update(pixel_polygon=[1] * 7)))
    case('seamline_no_properties.geojson', g, 'pred', 'feature without properties', 'a feature without properties',
         edited(SL_GEOJSON, lambda o: o['features'][0].pop('properties')))
    case('seamline_unknown_image.geojson', g, 'pred', "image 'c.tif'", 'image "c.tif"',
         edited(SL_GEOJSON, lambda o: o['features'][0]['properties'].update(image='c.tif')))
    case('imageset_words.txt', g, 'imageset', 'COCO image ids are integers', 'an image set of names', 'one\ntwo\n')
    # ---- DOTA labelTxt (a folder) and Task files (a folder)
    d = 'dota-task1'
    case('dota_labels_coordinate_x', d, 'gt', "coordinate 3 must be a finite number, found 'x'", 'a coordinate "x"',
         DOTA_LABEL.replace('10 10 50', '10 10 x', 1), folder='P1.txt')
    case('dota_labels_coordinate_inf', d, 'gt', 'must be a finite number', 'a coordinate 1e999',
         DOTA_LABEL.replace('10 10 50', '10 10 1e999', 1), folder='P1.txt')
    case('dota_labels_difficult_yes', d, 'gt', 'the difficult flag must be an integer', 'difficult flag "yes"',
         DOTA_LABEL.replace('plane 0', 'plane yes'), folder='P1.txt')
    case('dota_labels_latin1', d, 'gt', 'not UTF-8', 'a class name in ISO-8859-1',
         DOTA_LABEL.replace('plane', 'avi\u00f3n').encode('latin-1'), folder='P1.txt')
    case('dota_labels_binary', d, 'gt', 'not UTF-8', 'binary bytes', bytes(range(256)) * 4, folder='P1.txt')
    case('dota_det_fields_9', d, 'pred', "expected 'image score' and 8 coordinates", 'a line of 9 fields',
         DOTA_TASK1.replace(' 11 30\n', ' 11\n', 1), folder='Task1_plane.txt')
    case('dota_det_score_1_2', d, 'pred', 'outside [0, 1]', 'score 1.2', DOTA_TASK1.replace('0.9', '1.2'),
         folder='Task1_plane.txt')
    case('dota_det_score_nan', d, 'pred', 'score must be a finite number', 'score NaN', DOTA_TASK1.replace('0.9', 'NaN'),
         folder='Task1_plane.txt')
    case('dota_det_unknown_image', d, 'pred', "image 'P7' is not in the image set", 'image P7',
         DOTA_TASK1.replace('P1 0.4', 'P7 0.4'), folder='Task1_plane.txt')
    case('dota_det_coordinate_hex', d, 'pred', 'must be a finite number', 'a coordinate 0x1p3',
         DOTA_TASK1.replace(' 50 10 50 30', ' 0x1p3 10 50 30', 1), folder='Task1_plane.txt')
    # ---- xView
    x = 'xview'
    case('xview_gt_bounds_3.geojson', x, 'gt', "bounds_imcoords must be 'xmin,ymin,xmax,ymax'", 'bounds of 3 numbers',
         js(XVIEW_GT).replace('10,10,50,40', '10,10,50'))
    case('xview_gt_bounds_float.geojson', x, 'gt', 'bounds_imcoords must hold integers', 'bounds 10.5',
         js(XVIEW_GT).replace('10,10,50,40', '10.5,10,50,40'))
    case('xview_gt_bounds_2e31.geojson', x, 'gt', 'bounds_imcoords must hold integers', 'bound 2^31',
         js(XVIEW_GT).replace('10,10,50,40', '10,10,2147483648,40'))
    case('xview_gt_type_string.geojson', x, 'gt', 'type_id must be a number', 'type_id "car"',
         edited(XVIEW_GT, lambda o: o['features'][0]['properties'].update(type_id='car')))
    case('xview_gt_type_1e9.geojson', x, 'gt', 'type_id must be an id from 0 to', 'type_id 10^9',
         edited(XVIEW_GT, lambda o: o['features'][0]['properties'].update(type_id=10 ** 9)))
    case('xview_gt_no_bounds.geojson', x, 'gt', 'feature without properties.bounds_imcoords', 'no bounds',
         edited(XVIEW_GT, lambda o: o['features'][0]['properties'].pop('bounds_imcoords')))
    case('xview_gt_features_object.geojson', x, 'gt', '"features" must be an array', '"features": {}',
         edited(XVIEW_GT, lambda o: o.update(features={})))
    case('xview_pred_fields_5', x, 'pred', "expected 'xmin ymin xmax ymax type_id score'", 'a line of 5 fields',
         '10 10 50 40 11\n', folder='1.tif.txt')
    case('xview_pred_score_2', x, 'pred', 'outside [0, 1]', 'score 2', '10 10 50 40 11 2\n', folder='1.tif.txt')
    case('xview_pred_negative', x, 'pred', 'cannot be negative', 'xmin -5', '-5 10 50 40 11 0.5\n', folder='1.tif.txt')
    case('xview_pred_type_word', x, 'pred', 'type_id must be a finite number', "type_id 'car'", '10 10 50 40 car 0.5\n',
         folder='1.tif.txt')
    case('xview_pred_inf', x, 'pred', 'coordinate must be a finite number', 'xmax Infinity',
         '10 10 Infinity 40 11 0.5\n', folder='1.tif.txt')
    # ---- SpaceNet
    s = 'spacenet'
    case('spacenet_gt_no_header.csv', s, 'gt', 'the header must name ImageId, PolygonWKT_Pix', 'no header line',
         SN_GT_CSV.split('\n', 1)[1])
    case('spacenet_gt_bad_wkt.csv', s, 'gt', 'bad PolygonWKT_Pix', 'WKT cut short',
         SN_GT_CSV.replace('0 10, 0 0))', '0 10', 1))
    case('spacenet_gt_wkt_word.csv', s, 'gt', 'bad PolygonWKT_Pix', 'WKT "TRIANGLE (1 2 3)"',
         SN_GT_CSV.replace('POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))', 'TRIANGLE (1 2 3)', 1))
    case('spacenet_gt_ring_open.csv', s, 'gt', 'bad PolygonWKT_Pix', 'a ring that does not close',
         SN_GT_CSV.replace('0 10, 0 0))', '0 10, 1 1))', 1))
    case('spacenet_gt_short_row.csv', s, 'gt', 'expected at least 3 columns', 'a row of one column', SN_GT_CSV + 'img2\n')
    case('spacenet_pred_confidence_word.csv', s, 'pred', 'Confidence must be a finite number', 'Confidence "high"',
         SN_PRED_CSV.replace(',1\n', ',high\n'))
    case('spacenet_pred_no_confidence.csv', s, 'pred', 'Confidence', 'no Confidence column', SN_GT_CSV)
    case('spacenet_gt_point.geojson', s, 'gt', "expected a Polygon or MultiPolygon, found 'Point'", 'a Point geometry',
         edited(SN_GEOJSON, lambda o: o['features'][0].update(geometry={"type": "Point", "coordinates": [1, 2]})))
    case('spacenet_gt_position_1.geojson', s, 'gt', 'a position must be [x, y]', 'a position [1]',
         edited(SN_GEOJSON, lambda o: o['features'][0]['geometry'].update(coordinates=[[[1], [2, 3], [4, 5], [1]]])))
    case('spacenet_gt_ring_open.geojson', s, 'gt', 'bad polygon ring', 'a ring that does not close',
         edited(SN_GEOJSON, lambda o: o['features'][0]['geometry'].update(coordinates=[[[0, 0], [1, 0], [1, 1], [0, 1]]])))
    case('spacenet_gt_no_coordinates.geojson', s, 'gt', 'geometry without coordinates', 'a Polygon without coordinates',
         edited(SN_GEOJSON, lambda o: o['features'][0].update(geometry={"type": "Polygon"})))
    case('spacenet_pred_conf_string.geojson', s, 'pred', '"conf" must be a number', 'conf "0.9"',
         edited(SN_GEOJSON, lambda o: o['features'][0]['properties'].update(conf="0.9")))
    # ---- DeepForest
    f = 'deepforest'
    case('deepforest_gt_no_label.csv', f, 'gt', 'the header must name image_path, xmin', 'no label column',
         DF_GT.replace(',label', ',kind'))
    case('deepforest_gt_xmin_word.csv', f, 'gt', "xmin must be a finite number, found 'a'", 'xmin "a"',
         DF_GT.replace('a.tif,0,0', 'a.tif,a,0', 1))
    case('deepforest_gt_short_row.csv', f, 'gt', 'expected 6 columns', 'a row of 3 columns', DF_GT + 'a.tif,1,2\n')
    case('deepforest_gt_inf.csv', f, 'gt', 'must be a finite number', 'ymax inf', DF_GT.replace(',10,10,', ',10,inf,', 1))
    case('deepforest_pred_score_2.csv', f, 'pred', 'outside [0, 1]', 'score 2', DF_PRED.replace(',0.9', ',2'))
    case('deepforest_pred_no_score.csv', f, 'pred', 'needs a score column', 'no score column', DF_GT)
    case('deepforest_gt_quotes.csv', f, 'gt', 'expected 6 columns', 'an unterminated quote',
         DF_GT.replace('a.tif,0,0', 'a.tif,"0,0', 1))
    # ---- Dstl Safe Passage
    p = 'safe-passage'
    case('safepassage_gt_bad_xy.csv', p, 'gt', "detection '400' is not x:y", 'a centre without its y',
         SP_GT.replace('|400:400', '|400'))
    case('safepassage_gt_class_j.csv', p, 'gt', 'class must be one of A', 'class J',
         SP_GT + 'TQ2379_0_1_J,TQ2379_0_1.jpg,J,None\n')
    case('safepassage_gt_id_mismatch.csv', p, 'gt', 'disagrees with image', 'an id of class A on a class B row',
         SP_GT.replace('TQ2379_0_0_B,', 'TQ2379_0_0_A,'))
    case('safepassage_gt_duplicate_row.csv', p, 'gt', 'a second row for image', 'the same image and class twice',
         SP_GT + 'TQ2379_0_0_A,TQ2379_0_0.jpg,A,None\n')
    case('safepassage_gt_empty.csv', p, 'gt', 'empty file', 'an empty file', '')
    case('safepassage_pred_no_header.csv', p, 'pred', 'the header must name id, image, class', 'no header line',
         SP_PRED.split('\n', 1)[1])
    case('safepassage_pred_negative.csv', p, 'pred', "detection '-4:100' is not x:y", 'a negative x',
         SP_PRED.replace('104:100', '-4:100'))
    case('safepassage_pred_unknown_image.csv', p, 'pred', 'is not in the truth', 'a row on an image the truth lacks',
         SP_PRED + 'TQ9999_0_0_A,TQ9999_0_0.jpg,A,None\n')
    case('safepassage_pred_none_lowercase.csv', p, 'pred', 'expected x:y|x:y', 'none instead of None',
         SP_PRED.replace('310:300', 'none'))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as out:
        out.write(text if isinstance(text, bytes) else text.encode('utf-8'))


SEEDS = {  # fuzz method -> the valid file its inputs start from
    'cocoGroundTruth': 'coco_gt.json', 'cocoResults': 'coco_results.json', 'seamlineGeoJson': 'seamline.geojson',
    'dotaLabels': 'dota_labels/P1.txt', 'dotaTaskFile': 'dota_det/Task1_plane.txt', 'xviewTruth': 'xview_gt.geojson',
    'xviewPredictions': 'xview_pred/1.tif.txt', 'spacenetCsv': 'spacenet_gt.csv', 'spacenetGeoJson': 'spacenet_gt.geojson',
    'deepforestCsv': 'deepforest_gt.csv',
}


def main():
    cases()
    for e in os.listdir(HERE):
        p = os.path.join(HERE, e)
        if e not in ('make_corpus.py', 'README.md'):
            shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    for name, text in valid().items():
        write(os.path.join(HERE, 'valid', name), text)
    lines = []
    for name, metric, side, phrase, how, text, folder in CASES:
        write(os.path.join(HERE, name, folder) if folder else os.path.join(HERE, name), text)
        lines.append('\t'.join([name, metric, side, phrase, how]))
    with open(os.path.join(HERE, 'manifest.tsv'), 'w') as out:
        out.write('# file or folder\tmetric\tside\tphrase\twhat is broken\n' + '\n'.join(lines) + '\n')
    for method, name in SEEDS.items():
        d = os.path.join(INPUTS, method)
        os.makedirs(d, exist_ok=True)
        shutil.copy(os.path.join(HERE, 'valid', name), os.path.join(d, 'seed_valid_' + os.path.basename(name)))
    print(len(CASES), 'broken files')


if __name__ == '__main__':
    main()
