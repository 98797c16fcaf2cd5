// Loops over the members of an enumeration module: as many turns as the code declares
// members, not as many as a table holds rows. A loop over the rows of a query stays reported.
const { Stage } = require('./states/enums');
import { Severity } from './constants/enums';
import Outcome from './models/outcome';
import Incident from './models/incident';
import Summary from './models/summary';

export async function incidentsBySeverity(teamId) {
  const bySeverity = {};
  for (const severity of Object.values(Severity)) {
    bySeverity[severity] = await Incident.find({ teamId, severity });
  }
  return bySeverity;
}

export async function summariesByOutcome(teamId) {
  const outcomes = await Outcome.find({ teamId });
  for (const outcome of outcomes) {
    await Summary.find({ teamId, outcomeId: outcome._id }); // expect: n-plus-one-query
  }
}

export async function summariesOfIncidents(teamId) {
  const incidents = await Incident.find({ teamId });
  for (const incident of incidents) {
    await Summary.findOne({ incidentId: incident.id }); // expect: n-plus-one-query
  }
}

export const stages = Stage;
