package io.tanhe.engine.incremental;

import io.tanhe.engine.graph.Term;
import io.tanhe.engine.model.Rounding;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import static java.lang.constant.ConstantDescs.CD_byte;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

/**
 * Generates a {@link FormulaKernel} per node formula with the JDK's ClassFile API
 * ({@code java.lang.classfile}, final in Java 24): the formula becomes straight-line bytecode inside
 * one loop over the node's instances, as one would write it by hand, instead of a tree of
 * {@link Calc} lambdas called per instance.
 *
 * <p>The code must give the very double the interpreter gives, so it walks the term exactly as
 * {@link FormulaCompiler} does: the same cases, the same order of operations (products as
 * {@link FormulaCompiler.Factors} orders them), the same library calls ({@link Math},
 * {@link Rounding#halfUp}); the {@code k}-th read in this walk is the {@code k}-th entry of
 * {@link FormulaCompiler.Compiled#loads}. Kernels depend on the term only, so they are kept per
 * term (weakly: a graph that is gone takes its kernels along) and shared by the evaluators of one
 * graph, e.g. the many short ones of a methodology's tests.
 */
final class KernelGenerator {
    /** A generated kernel and how many reads each instance of its node makes. */
    record Generated(FormulaKernel kernel, int arity) {
    }

    private static final ClassDesc KERNEL = ClassDesc.of(FormulaKernel.class.getName());
    private static final ClassDesc GENERATED = ClassDesc.of(FormulaKernel.class.getPackageName(), "GeneratedKernel");
    private static final ClassDesc MATH = ClassDesc.of("java.lang.Math");
    private static final ClassDesc ROUNDING = ClassDesc.of(Rounding.class.getName());
    private static final MethodTypeDesc D_D = MethodTypeDesc.of(CD_double, CD_double);
    private static final MethodTypeDesc DD_D = MethodTypeDesc.of(CD_double, CD_double, CD_double);
    private static final MethodTypeDesc DI_D = MethodTypeDesc.of(CD_double, CD_double, CD_int);
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_int, CD_double.arrayType(), CD_byte.arrayType(),
            CD_int.arrayType(), CD_int, CD_int, CD_int, CD_int.arrayType());
    private static final Map<Term, Generated> KERNELS = Collections.synchronizedMap(new WeakHashMap<>());

    private KernelGenerator() {
    }

    /** The kernel of a node's formula, generated on first use. */
    static Generated kernel(Term formula) {
        return KERNELS.computeIfAbsent(formula, KernelGenerator::generate);
    }

    private static Generated generate(Term formula) {
        int arity = classBytes(formula, 0).arity; // the first pass counts the reads the loop steps over
        byte[] bytes = classBytes(formula, arity).bytes;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            FormulaKernel kernel = (FormulaKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
            return new Generated(kernel, arity);
        } catch (Throwable e) {
            throw new IllegalStateException("generating the code of formula at " + formula.span() + " failed: " + e, e);
        }
    }

    private record ClassBytes(byte[] bytes, int arity) {
    }

    private static ClassBytes classBytes(Term formula, int arity) {
        int[] reads = new int[1];
        byte[] bytes = ClassFile.of().build(GENERATED, cls -> cls
                .withSuperclass(KERNEL)
                .withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
                .withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                        code -> code.aload(0).invokespecial(KERNEL, INIT_NAME, MTD_void).return_())
                .withMethodBody("run", RUN, ClassFile.ACC_FINAL,
                        code -> reads[0] = new Body(code, arity).emit(formula)));
        return new ClassBytes(bytes, reads[0]);
    }

    /** The body of {@code run}: the loop, the formula inside it, and the hand-back of what the loop does not finish. */
    private static final class Body {
        private final CodeBuilder code;
        private final int arity;
        private final int values;
        private final int status;
        private final int loads;
        private final int from;
        private final int count;
        private final int first;
        private final int slow;
        /** The index of the first read of the current instance in {@code loads}. */
        private int base;
        private int reads;

        Body(CodeBuilder code, int arity) {
            this.code = code;
            this.arity = arity;
            values = code.parameterSlot(0);
            status = code.parameterSlot(1);
            loads = code.parameterSlot(2);
            from = code.parameterSlot(3);
            count = code.parameterSlot(4);
            first = code.parameterSlot(5);
            slow = code.parameterSlot(6);
        }

        /** Emits the loop; returns the number of reads of one instance. */
        int emit(Term formula) {
            int handedBack = code.allocateLocal(TypeKind.INT);
            int j = code.allocateLocal(TypeKind.INT);
            int end = code.allocateLocal(TypeKind.INT);
            base = code.allocateLocal(TypeKind.INT);
            int id = code.allocateLocal(TypeKind.INT);
            int x = code.allocateLocal(TypeKind.DOUBLE);
            Label loop = code.newLabel();
            Label done = code.newLabel();
            Label handBack = code.newLabel();
            Label next = code.newLabel();
            code.iconst_0().istore(handedBack);
            code.iload(from).istore(j);
            code.iload(from).iload(count).iadd().istore(end);
            code.labelBinding(loop);
            code.iload(j).iload(end).if_icmpge(done);
            code.iload(j).loadConstant(arity).imul().istore(base);
            term(formula);
            code.dstore(x);
            code.iload(first).iload(j).iadd().istore(id);
            // finite (|x| ≤ MAX_VALUE is false for NaN and infinities) and not failed before: done here
            code.dload(x).invokestatic(MATH, "abs", D_D).loadConstant(Double.MAX_VALUE).dcmpg().ifgt(handBack);
            code.aload(status).iload(id).baload().loadConstant((int) Status.FAILED).if_icmpeq(handBack);
            code.aload(values).iload(id).dload(x).dastore();
            code.aload(status).iload(id).loadConstant((int) Status.PRESENT).bastore();
            code.goto_(next);
            code.labelBinding(handBack);
            code.aload(slow).iload(handedBack).iload(id).iastore();
            code.iinc(handedBack, 1);
            code.labelBinding(next);
            code.iinc(j, 1);
            code.goto_(loop);
            code.labelBinding(done);
            code.iload(handedBack).ireturn();
            return reads;
        }

        /** Pushes the value of {@code t}; mirrors {@link FormulaCompiler}'s cases one for one. */
        private void term(Term t) {
            switch (t) {
                case Term.Scale s -> product(s);
                case Term.Arith a when a.op() == Term.ArithOp.MUL -> product(a);
                case Term.Arith a -> arith(a);
                case Term.Const c -> code.loadConstant(c.value());
                case Term.Load _ -> read();
                case Term.Neg n -> {
                    term(n.inner());
                    code.dneg();
                }
                case Term.Compare c -> compare(c);
                case Term.Logic l -> logic(l);
                case Term.Not n -> not(n);
                case Term.If(Term.Available(Term.Load tested, _), Term.Load measured, Term otherwise, _, _)
                        when tested.node().equals(measured.node()) && tested.key().equals(measured.key()) -> measuredElse(otherwise);
                case Term.If i -> choose(i);
                case Term.Available _ -> available();
                case Term.Covered _ -> read();
                case Term.Aggregate _ -> read();
                case Term.Extremum e -> {
                    term(e.operands().getFirst());
                    for (Term op : e.operands().subList(1, e.operands().size())) {
                        term(op);
                        code.invokestatic(MATH, e.max() ? "max" : "min", DD_D);
                    }
                }
                case Term.Abs a -> {
                    term(a.inner());
                    code.invokestatic(MATH, "abs", D_D);
                }
                case Term.Round r -> {
                    term(r.inner());
                    code.loadConstant(r.digits()).invokestatic(ROUNDING, "halfUp", DI_D);
                }
            }
        }

        /** {@code values[loads[base + k]]} for the next read {@code k}. */
        private void read() {
            code.aload(values).aload(loads).iload(base);
            if (reads > 0) {
                code.loadConstant(reads).iadd();
            }
            code.iaload().daload();
            reads++;
        }

        private void product(Term t) {
            FormulaCompiler.Factors f = FormulaCompiler.Factors.of(t);
            if (f.shortForm()) {
                switch (f.loads.size()) {
                    case 0 -> code.loadConstant(f.constant);
                    case 1 -> {
                        read();
                        code.loadConstant(f.constant).dmul();
                    }
                    default -> {
                        read();
                        read();
                        code.dmul().loadConstant(f.constant).dmul();
                    }
                }
                return;
            }
            code.loadConstant(f.constant);
            for (int i = 0; i < f.loads.size(); i++) {
                read();
                code.dmul();
            }
            for (Term other : f.others) {
                term(other);
                code.dmul();
            }
        }

        private void arith(Term.Arith a) {
            term(a.left());
            term(a.right());
            switch (a.op()) {
                case ADD -> code.dadd();
                case SUB -> code.dsub();
                case MUL -> code.dmul();
                case DIV -> code.ddiv();
                case POW -> code.invokestatic(MATH, "pow", DD_D);
            }
        }

        /** Stores the value on the stack in a new local. */
        private int store() {
            int slot = code.allocateLocal(TypeKind.DOUBLE);
            code.dstore(slot);
            return slot;
        }

        private void ifNaN(int slot, Label target) {
            code.dload(slot).dload(slot).dcmpl().ifne(target);
        }

        /** Pushes 1 if the int comparison result on the stack passes {@code test}, else 0; NaN at {@code nan}. */
        private void oneOrZero(Label isTrue, Label nan) {
            Label end = code.newLabel();
            code.dconst_0().goto_(end);
            code.labelBinding(isTrue);
            code.dconst_1().goto_(end);
            code.labelBinding(nan);
            code.loadConstant(Double.NaN);
            code.labelBinding(end);
        }

        private void compare(Term.Compare c) {
            term(c.left());
            int x = store();
            term(c.right());
            int y = store();
            Label nan = code.newLabel();
            Label isTrue = code.newLabel();
            ifNaN(x, nan);
            ifNaN(y, nan);
            code.dload(x).dload(y).dcmpl();
            switch (c.op()) {
                case LT -> code.iflt(isTrue);
                case LE -> code.ifle(isTrue);
                case GT -> code.ifgt(isTrue);
                case GE -> code.ifge(isTrue);
                case EQ -> code.ifeq(isTrue);
                case NE -> code.ifne(isTrue);
            }
            oneOrZero(isTrue, nan);
        }

        private void logic(Term.Logic l) {
            term(l.left());
            int x = store();
            term(l.right());
            int y = store();
            Label nan = code.newLabel();
            Label isTrue = code.newLabel();
            Label isFalse = code.newLabel();
            ifNaN(x, nan);
            ifNaN(y, nan);
            if (l.and()) {
                code.dload(x).dconst_0().dcmpl().ifeq(isFalse);
                code.dload(y).dconst_0().dcmpl().ifne(isTrue);
            } else {
                code.dload(x).dconst_0().dcmpl().ifne(isTrue);
                code.dload(y).dconst_0().dcmpl().ifne(isTrue);
            }
            code.labelBinding(isFalse);
            oneOrZero(isTrue, nan);
        }

        private void not(Term.Not n) {
            term(n.inner());
            int x = store();
            Label nan = code.newLabel();
            Label isTrue = code.newLabel();
            ifNaN(x, nan);
            code.dload(x).dconst_0().dcmpl().ifeq(isTrue);
            oneOrZero(isTrue, nan);
        }

        private void choose(Term.If i) {
            term(i.condition());
            int x = store();
            Label nan = code.newLabel();
            Label otherwise = code.newLabel();
            Label end = code.newLabel();
            ifNaN(x, nan);
            code.dload(x).dconst_0().dcmpl().ifeq(otherwise);
            term(i.then());
            code.goto_(end);
            code.labelBinding(otherwise);
            term(i.otherwise());
            code.goto_(end);
            code.labelBinding(nan);
            code.loadConstant(Double.NaN);
            code.labelBinding(end);
        }

        /** {@code if available(m) then m else otherwise}: one read and one test. */
        private void measuredElse(Term otherwise) {
            read();
            int x = store();
            Label other = code.newLabel();
            Label end = code.newLabel();
            ifNaN(x, other);
            code.dload(x).goto_(end);
            code.labelBinding(other);
            term(otherwise);
            code.labelBinding(end);
        }

        private void available() {
            read();
            int x = store();
            Label absent = code.newLabel();
            Label end = code.newLabel();
            ifNaN(x, absent);
            code.dconst_1().goto_(end);
            code.labelBinding(absent);
            code.dconst_0();
            code.labelBinding(end);
        }
    }
}
