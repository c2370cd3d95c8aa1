import { describe, expect, it } from "vitest";
import { administersAnything, capabilitiesIn, type Me, noCapabilities, projectsWhere } from "./capabilities";

function me(isAdmin: boolean, projects: Me["projects"] = []): Me {
  return { user: { id: "usr_1", email: "ada@example.com", name: "Ada", isAdmin }, via: "session", projects };
}

const viewerOfDemo: Me["projects"][number] = {
  id: "prj_demo",
  name: "Demo",
  role: "viewer",
  can: { read: true, operate: false, administer: false },
};
const approverOfOther: Me["projects"][number] = {
  id: "prj_other",
  name: "Other",
  role: "approver",
  can: { read: true, operate: true, administer: false },
};

describe("capabilitiesIn", () => {
  it("gives a viewer reading and nothing else", () => {
    expect(capabilitiesIn(me(false, [viewerOfDemo]), "prj_demo")).toEqual({
      read: true,
      operate: false,
      administer: false,
    });
  });

  it("gives nothing in a project the person is not a member of, or when the project is unknown", () => {
    expect(capabilitiesIn(me(false, [viewerOfDemo]), "prj_other")).toEqual(noCapabilities);
    expect(capabilitiesIn(me(false, [viewerOfDemo]), undefined)).toEqual(noCapabilities);
  });

  it("gives an administrator of Specwave everything, even in a project missing from the list", () => {
    expect(capabilitiesIn(me(true), "prj_new")).toEqual({ read: true, operate: true, administer: true });
  });
});

describe("projectsWhere and administersAnything", () => {
  it("lists only the projects where the person may do the thing", () => {
    const person = me(false, [viewerOfDemo, approverOfOther]);
    expect(projectsWhere(person, "operate").map((project) => project.id)).toEqual(["prj_other"]);
    expect(projectsWhere(person, "read")).toHaveLength(2);
    expect(administersAnything(person)).toBe(false);
  });

  it("counts a project administrator and a Specwave administrator as administrators", () => {
    const projectAdmin = me(false, [
      { ...viewerOfDemo, role: "admin", can: { read: true, operate: true, administer: true } },
    ]);
    expect(administersAnything(projectAdmin)).toBe(true);
    expect(administersAnything(me(true))).toBe(true);
  });
});
