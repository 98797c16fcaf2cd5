"""Loops over the members of an enumeration: as many turns as the code declares members, not
as many as a table holds rows. A loop over the rows of a query beside them stays reported."""
from enum import Enum

from .models import Incident, Outcome, Summary
from .states.enums import Stage


class Severity(str, Enum):
    LOW = "low"
    HIGH = "high"


def incidents_by_stage(db_session, team_id):
    by_stage = {}
    for stage in Stage:
        by_stage[stage] = db_session.query(Incident).filter_by(team_id=team_id, stage=stage).all()
    return by_stage


def counts_by_severity(db_session, team_id):
    return {
        severity: db_session.query(Incident).filter_by(team_id=team_id, severity=severity).count()
        for severity in sorted(Severity)
    }


def summaries_by_outcome(db_session, team_id):
    # Outcomes stored as rows: as many as the table holds.
    outcomes = db_session.query(Outcome).filter_by(team_id=team_id).all()
    for outcome in outcomes:
        db_session.query(Summary).filter_by(outcome=outcome.name).all()  # expect: n-plus-one-query


def summaries_of_incidents(db_session, team_id):
    incidents = db_session.query(Incident).filter_by(team_id=team_id).all()
    for incident in incidents:
        db_session.query(Summary).filter_by(incident_id=incident.id).first()  # expect: n-plus-one-query
