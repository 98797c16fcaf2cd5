// Run once at boot: reports every required variable that is empty.
export class ConfigurationChecker {
  issues: string[] = [];

  checkNonEmpty(name: string): void {
    const value = process.env[name];
    if (!value) {
      this.issues.push(`${name} is not set`);
    }
  }

  run(): string[] {
    this.checkNonEmpty('JWT_SECRET');
    return this.issues;
  }
}
