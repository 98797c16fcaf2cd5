# A serializer of one object: its create, update and validate methods walk the parts of
# the one object being saved (its aliases, its filter rules), a handful set by that object.
# A list serializer's items are the client's rows and stay reported, as does the same loop
# in a view. So does a marshmallow schema of one object (`ModelSchema`).
from rest_framework import serializers

from marshmallow import pre_load

from .extensions import ma
from .models import Alias, Exercise, FilterRule, TeamField


class ExerciseSerializer(serializers.ModelSerializer):
    def create(self, validated_data):
        aliases = validated_data.pop("aliases", [])
        exercise = Exercise.objects.create(**validated_data)
        for alias in aliases:
            Alias.objects.create(exercise=exercise, alias=alias)
        return exercise


class SavedViewSerializer(serializers.ModelSerializer):
    def update(self, instance, validated_data):
        for rule in validated_data.pop("filter_rules", []):
            FilterRule.objects.create(saved_view=instance, **rule)
        return instance


class ExerciseListSerializer(serializers.ListSerializer):
    def create(self, validated_data):
        return [Exercise.objects.create(**item) for item in validated_data]  # expect: n-plus-one-query


def create_aliases(request, exercise):
    for alias in request.data["aliases"]:
        Alias.objects.create(exercise=exercise, alias=alias)  # expect: n-plus-one-query


class TeamSchema(ma.ModelSchema):
    @pre_load
    def validate_fields(self, data):
        fields = data.get("fields") or []
        for entry in fields:
            field_id = entry.get("field_id")
            TeamField.query.filter_by(id=field_id).first_or_404()
        return data


def validate_team_fields(data):
    fields = data.get("fields") or []
    for entry in fields:
        field_id = entry.get("field_id")
        TeamField.query.filter_by(id=field_id).first_or_404()  # expect: n-plus-one-query
