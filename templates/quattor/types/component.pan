@{
    The part every configuration component schema includes: whether the
    component runs, and ordering dependencies on other components. As
    structure_component in quattor's core schema.
}
declaration template quattor/types/component;

type structure_component_dependency = {
    "pre" ? string[]
    "post" ? string[]
};

type structure_component = extensible {
    "active" : boolean = true
    "dispatch" : boolean = true
    "version" ? string with match(SELF, '^\d+\.\d+\.\d+$')
    "dependencies" ? structure_component_dependency
};
